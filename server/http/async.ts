import type { NextFunction, Request, RequestHandler, Response } from "express";

/** Lets a handler be async (Express 5 forwards rejections itself; this keeps the types plain). */
export const handle =
  (fn: (req: Request, res: Response, next: NextFunction) => unknown): RequestHandler =>
  (req, res, next) =>
    Promise.resolve(fn(req, res, next)).catch(next);
