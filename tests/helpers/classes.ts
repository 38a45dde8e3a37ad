/** Classes straight into the store, for tests that start after a class was created. */
import type { Course } from "../../src/domain/courses";
import type { Store } from "../../src/store/store";
import { course } from "./records";

/**
 * Puts an open class into the store: by default a youth-work class of 10 seats with one session on
 * 05/12/2026 08:00–11:00 (Asia/Ho_Chi_Minh) and registration until 23:59 on 01/12/2026.
 */
export async function seedCourse(store: Store, c: Partial<Course> & { id: string }): Promise<Course> {
  return store.courses.put(course(c.id, c));
}
