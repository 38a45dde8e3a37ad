/**
 * The store contract: what every backend promises, written against the `Store` interface only.
 * A backend's test file calls `storeContract(name, open)`; a PostgreSQL backend runs it unchanged.
 */
import { afterEach, describe, expect, it } from "vitest";
import { InvalidRecordError, NestedTransactionError, type Store } from "../../src/store/store";
import { cadre, course, enrollment, person, unit } from "../helpers/records";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

class CourseFull extends Error {}

/** Enrols a person unless the class is full: the read-check-write every class feature does. */
function takeSeat(store: Store, courseId: string, personId: string): Promise<void> {
  return store.transaction(async (tx) => {
    const c = await tx.courses.get(courseId);
    const taken = await tx.enrollments.find({ courseId, status: "enrolled" });
    await pause(5); // give another caller every chance to interleave
    if (taken.length >= c!.capacity) throw new CourseFull();
    await tx.enrollments.put(enrollment(courseId, personId, "u01"));
  });
}

/** Defines the contract tests for one backend; `open` gives a fresh, empty store each time. */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let stores: Store[] = [];
    const fresh = async () => {
      const store = await open();
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      for (const s of stores) await s.close().catch(() => {});
      stores = [];
    });

    it("gets what was put, with the schema's defaults, and nothing for an unknown id", async () => {
      const store = await fresh();
      const saved = await store.units.put({ id: "u01", name: "Đoàn cơ sở Sở Mẫu" } as never);
      expect(saved).toEqual({ id: "u01", name: "Đoàn cơ sở Sở Mẫu", type: "agency", members: 0, groups: [] });
      expect(await store.units.get("u01")).toEqual(saved);
      expect(await store.units.get("u99")).toBeUndefined();
    });

    it("treats ids that name object built-ins as ordinary ids", async () => {
      const store = await fresh();
      expect(await store.units.get("constructor")).toBeUndefined();
      expect(await store.units.get("toString")).toBeUndefined();
      expect(await store.units.remove("toString")).toBe(false);
      await store.units.put(unit("constructor"));
      await store.units.put(unit("__proto__"));
      expect((await store.units.get("__proto__"))!.name).toBe("Đoàn cơ sở __proto__");
      expect((await store.units.all()).map((u) => u.id).sort()).toEqual(["__proto__", "constructor"]);
      expect(await store.units.count()).toBe(2);
    });

    it("lists, counts, replaces by id and removes", async () => {
      const store = await fresh();
      for (const id of ["u01", "u02", "u03"]) await store.units.put(unit(id));
      await store.units.put(unit("u02", { name: "Tên mới" }));
      expect(await store.units.count()).toBe(3);
      expect((await store.units.all()).map((u) => u.name)).toEqual(["Đoàn cơ sở u01", "Tên mới", "Đoàn cơ sở u03"]);
      expect(await store.units.remove("u01")).toBe(true);
      expect(await store.units.remove("u01")).toBe(false);
      expect((await store.units.all()).map((u) => u.id)).toEqual(["u02", "u03"]);
      expect(await store.units.count()).toBe(2);
    });

    it("rejects a record breaking its schema, naming the collection and the field, and keeps the old one", async () => {
      const store = await fresh();
      await store.cadres.put(cadre("p-1", "u01"));
      const error = await store.cadres.put(cadre("p-1", "u02", { phone: "123" })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRecordError);
      expect(error).toMatchObject({ collection: "cadres", recordId: "p-1" });
      expect((error as InvalidRecordError).problems.join()).toContain("phone");
      expect((error as Error).message).toMatch(/cadres\/p-1.*phone/);
      expect((await store.cadres.get("p-1"))!.unitId).toBe("u01");
    });

    it("hands out frozen records, down to nested fields, and keeps no link to the object put", async () => {
      const store = await fresh();
      const mine = cadre("p-1", "u01");
      await store.cadres.put(mine);
      mine.fullName = "Đổi Sau Khi Lưu";
      const read = (await store.cadres.get("p-1"))!;
      expect(read.fullName).toBe("Nguyễn Văn Mẫu");
      expect(Object.isFrozen(read)).toBe(true);
      expect(() => ((read as { fullName: string }).fullName = "X")).toThrow(TypeError);
      expect(() => (read.consent.purposes as string[]).push("x")).toThrow(TypeError);
      const [listed] = await store.cadres.all();
      expect(Object.isFrozen(listed)).toBe(true);
      expect(Object.isFrozen((await store.cadres.find({ unitId: "u01" }))[0])).toBe(true);
      await store.cadres.put({ ...read, fullName: "Trần Thị Mới" });
      expect((await store.cadres.get("p-1"))!.fullName).toBe("Trần Thị Mới");
    });

    it("finds by one or several fields, and stays right after updates and removes", async () => {
      const store = await fresh();
      await store.cadres.put(cadre("p-1", "u01"));
      await store.cadres.put(cadre("p-2", "u01", { position: "deputy" }));
      await store.cadres.put(cadre("p-3", "u02"));
      const ids = async (where: Parameters<Store["cadres"]["find"]>[0]) => (await store.cadres.find(where)).map((c) => c.id).sort();
      expect(await ids({ unitId: "u01" })).toEqual(["p-1", "p-2"]);
      expect(await ids({ unitId: "u01", position: "deputy" })).toEqual(["p-2"]);
      expect(await ids({})).toEqual(["p-1", "p-2", "p-3"]);
      await store.cadres.put(cadre("p-1", "u02"));
      expect(await ids({ unitId: "u01" })).toEqual(["p-2"]);
      expect(await ids({ unitId: "u02" })).toEqual(["p-1", "p-3"]);
      expect(await ids({ unitId: "u01", position: "secretary" })).toEqual([]);
      await store.cadres.remove("p-3");
      expect(await ids({ unitId: "u02" })).toEqual(["p-1"]);
      expect((await store.cadres.find({ unitId: "u02" }))[0]!.unitId).toBe("u02");
      expect(await ids({ unitId: "u03" })).toEqual([]);
    });

    it("returns a transaction's result once its changes are in", async () => {
      const store = await fresh();
      const result = await store.transaction(async (tx) => {
        await tx.units.put(unit("u01"));
        await tx.people.put(person("p-1"));
        return (await tx.units.count()) + (await tx.people.count());
      });
      expect(result).toBe(2);
      expect(await store.units.get("u01")).toBeDefined();
      expect(await store.people.get("p-1")).toBeDefined();
    });

    it("undoes every change of a transaction that throws: puts, replacements and removals", async () => {
      const store = await fresh();
      await store.units.put(unit("u01"));
      await store.cadres.put(cadre("p-1", "u01"));
      const boom = new Error("boom");
      await expect(
        store.transaction(async (tx) => {
          await tx.units.put(unit("u02"));
          await tx.units.put(unit("u01", { name: "Đã đổi" }));
          await tx.cadres.put(cadre("p-1", "u02"));
          await tx.cadres.remove("p-1");
          await tx.people.put(person("p-9"));
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect((await store.units.all()).map((u) => u.name)).toEqual(["Đoàn cơ sở u01"]);
      expect((await store.cadres.get("p-1"))!.unitId).toBe("u01");
      expect(await store.cadres.find({ unitId: "u02" })).toEqual([]);
      expect((await store.cadres.find({ unitId: "u01" })).map((c) => c.id)).toEqual(["p-1"]);
      expect(await store.people.count()).toBe(0);
    });

    it("undoes a transaction whose record fails validation half-way", async () => {
      const store = await fresh();
      await expect(
        store.transaction(async (tx) => {
          await tx.units.put(unit("u01"));
          await tx.cadres.put(cadre("p-1", "u01", { phone: "123" }));
        }),
      ).rejects.toBeInstanceOf(InvalidRecordError);
      expect(await store.units.count()).toBe(0);
    });

    it("never lets two concurrent read-check-write transactions both take the last seat", async () => {
      const store = await fresh();
      await store.courses.put(course("c-1", { capacity: 2 }));
      await store.enrollments.put(enrollment("c-1", "p-0", "u01"));
      const outcomes = await Promise.allSettled([takeSeat(store, "c-1", "p-1"), takeSeat(store, "c-1", "p-2")]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const [refused] = outcomes.filter((o) => o.status === "rejected");
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(CourseFull);
      expect(await store.enrollments.count()).toBe(2);
    });

    it("keeps many concurrent writers' changes, each visible once its promise resolved", async () => {
      const store = await fresh();
      await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const saved = await store.people.put(person(`p-${i}`));
          expect(await store.people.get(saved.id)).toEqual(saved);
        }),
      );
      expect(await store.people.count()).toBe(200);
    });

    it("refuses a write on the store itself from inside a transaction instead of waiting forever", async () => {
      const store = await fresh();
      await expect(store.transaction(async () => store.units.put(unit("u01")))).rejects.toBeInstanceOf(NestedTransactionError);
      await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toBeInstanceOf(NestedTransactionError);
      expect(await store.units.count()).toBe(0);
      await store.units.put(unit("u02"));
      expect(await store.units.count()).toBe(1);
    });

    it("flushes every write made so far, and refuses writes once closed", async () => {
      const store = await open();
      const writes = [store.units.put(unit("u01")), store.units.put(unit("u02"))];
      await store.flush();
      await Promise.all(writes);
      expect(await store.units.count()).toBe(2);
      await store.close();
      await expect(store.units.put(unit("u03"))).rejects.toThrow();
    });
  });
}
