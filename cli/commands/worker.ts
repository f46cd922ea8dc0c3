import { describeCommand } from "../command-list.js";
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { RedisUrlError, startBlockWorker, type BlockWorker } from "../../distributed/index.js";
import { UsageError } from "../errors.js";
import { intArg, type CliIO } from "../program.js";

interface WorkerFlags {
  redis: string;
  concurrency: number;
  stalledInterval: number;
}

/**
 * Installs `mhst worker --redis <url>`: takes replication blocks submitted by `run`, `compare`,
 * `sweep` and `solve --redis` (or the dashboard with REDIS_URL) and runs them on this machine's
 * worker threads until SIGINT or SIGTERM, then finishes the blocks under way and exits.
 * @example mhst worker --redis redis://10.0.0.5:6379 --concurrency 8
 */
export function installWorker(program: Command, io: CliIO): void {
  program
    .command("worker")
    .description(describeCommand("worker"))
    .requiredOption("--redis <url>", "Redis URL of the block queue, e.g. redis://10.0.0.5:6379")
    .option("--concurrency <n>", "blocks run at once, one worker thread each (default: one per core)", intArg(1), availableParallelism())
    .option("--stalled-interval <ms>", "lease on a running block and interval of the check for blocks whose worker died", intArg(100), 30_000)
    .addHelpText(
      "after",
      "\nA worker serves only blocks of its own code version (package version + hash of dist/sim and dist/distributed) and refuses\n" +
        "others, saying so. If a worker dies mid-block, another worker takes the block up again within\n" +
        "about twice --stalled-interval. Stop it with Ctrl-C or SIGTERM: it finishes the blocks under way.\n",
    )
    .action(async (flags: WorkerFlags) => {
      let worker: BlockWorker;
      try {
        worker = await startBlockWorker({
          url: flags.redis,
          concurrency: flags.concurrency,
          stalledIntervalMs: flags.stalledInterval,
          log: (line) => io.stderr(`${line}\n`),
        });
      } catch (err) {
        if (err instanceof RedisUrlError) throw new UsageError(`--redis: ${err.message}`);
        throw err;
      }
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      io.stderr("mhst worker: stopping once the blocks under way are done\n");
      await worker.close();
    });
}
