/** Sample data for the store benches: cadres, and (at scale) a person and an account for each. */
import { join } from "node:path";
import type { Account, Cadre, Person } from "../src/domain/records";
import { DurableJsonFile, type Rec } from "../src/store/snapshot";

const family = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ"];
const middle = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu"];
const given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hạnh", "Khánh", "Linh", "Phương", "Quyên", "Sơn", "Tâm", "Uyên", "Vy"];
const at = "2026-01-05T02:00:00.000Z";

export function sampleCadre(i: number): Cadre {
  return {
    id: `p-${i}`,
    fullName: `${family[i % 10]} ${middle[i % 6]} ${given[i % 14]}`,
    unitId: `u${(i % 66) + 1}`,
    position: "member",
    theoryLevel: "basic",
    professionalLevel: "university",
    birthYear: 1990 + (i % 20),
    phone: `09${String(i).padStart(8, "0")}`,
    status: "approved",
    consent: { purposes: ["training", "notifications"], at },
    registeredAt: at,
  };
}

function samplePerson(i: number): Person {
  return { id: `p-${i}`, roles: [], createdAt: at, muted: false, locale: "vi" };
}

function sampleAccount(i: number): Account {
  return { id: `telegram:${7_000_000_000 + i}`, channel: "telegram", externalId: String(7_000_000_000 + i), personId: `p-${i}`, lastSeenAt: at, unreachable: false };
}

/**
 * Writes a data directory holding `n` cadres, people and accounts and 66 units, as the store's
 * own fold writes it (a snapshot continued by an empty journal 1). Records are not validated here:
 * opening the directory validates every one.
 */
export async function writeDataDir(dir: string, n: number): Promise<void> {
  const table = (make: (i: number) => Rec) => new Map(Array.from({ length: n }, (_, i) => make(i)).map((r) => [r.id, r]));
  const units = new Map(Array.from({ length: 66 }, (_, u) => [`u${u + 1}`, { id: `u${u + 1}`, name: `Đoàn cơ sở số ${u + 1}`, type: "agency", members: 30, groups: [] }]));
  const tables = { units, people: table(samplePerson), cadres: table(sampleCadre), accounts: table(sampleAccount) };
  await new DurableJsonFile(join(dir, "db.json"), () => undefined).write({ journal: 1, tables });
}
