/**
 * The discrete-event engine: an event calendar ordered by (time, priority, sequence), a
 * simulation clock that dispatches events to registered handlers, and a multi-unit resource
 * with a priority waiting line.
 */
export { EventCalendar, PRIORITY_MAX, PRIORITY_MIN, type EventHandle } from "./event-calendar.js";
export { Simulation, type EventHandler, type EventKind } from "./simulation.js";
export { Resource, type ResourceOptions } from "./resource.js";
