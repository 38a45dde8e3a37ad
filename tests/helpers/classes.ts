/** Classes straight into the store, for tests that start after a class was created. */
import type { Course } from "../../src/domain/courses";
import type { Store } from "../../src/store/store";

/**
 * Puts an open class into the store: by default a youth-work class of 10 seats with one session on
 * 05/12/2026 08:00–11:00 (Asia/Ho_Chi_Minh) and registration until 23:59 on 01/12/2026.
 */
export async function seedCourse(store: Store, course: Partial<Course> & { id: string }): Promise<Course> {
  return store.courses.put({
    kind: "youth-work",
    title: "Nghiệp vụ công tác Đoàn 2026",
    year: 2026,
    sessions: [{ id: "s1", date: "2026-12-05", start: "08:00", end: "11:00", place: "Hội trường Đoàn Khối" }],
    deadline: "2026-12-01T16:59:00.000Z",
    capacity: 10,
    lecturers: [],
    quotas: {},
    status: "open",
    createdBy: "p-admin",
    createdAt: "2026-11-01T02:00:00.000Z",
    ...course,
  });
}
