/** What a view or an action answers. */
import type { NavItem } from "../html";
import type { ViewCtx } from "../context";

/** A page: its title, navigation and escaped body. */
export interface PageOut {
  title: string;
  nav?: NavItem[];
  body: string;
}

/** A file to download (the chat's own workbook). */
export interface FileOut {
  file: { name: string; content: Buffer; mime: string };
}

export type ViewOut = PageOut | FileOut | { redirect: string };

export type View = (ctx: ViewCtx) => Promise<ViewOut>;
export type Action = (ctx: ViewCtx, form: URLSearchParams) => Promise<PageOut>;
