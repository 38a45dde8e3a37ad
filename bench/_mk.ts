import { mkdirSync } from "node:fs";
import { writeDataDir } from "./store-data";
mkdirSync(process.argv[2]!, { recursive: true });
await writeDataDir(process.argv[2]!, Number(process.argv[3]));
