/** The audit log read by admins (/nhatky); entries are written with `audit()` from src/app/audit.ts. */
import type { Feature } from "../../chat/feature";
import { auditLogCommand } from "./audit-log";

export const auditFeature: Feature = { name: "audit", commands: [auditLogCommand] };
