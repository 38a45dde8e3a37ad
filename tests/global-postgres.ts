/**
 * vitest globalSetup: one real PostgreSQL server for the whole test run (see
 * ./helpers/postgres-server.ts), stopped and removed afterwards. Tests reach it through
 * `freshDatabase()` in ./helpers/postgres.ts.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./helpers/postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The admin URL of the run's PostgreSQL server. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
