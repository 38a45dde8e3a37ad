/**
 * Writing the web view's HTML: escaping, the page around every view (header, navigation, footer), a
 * real table (caption, `th scope`), a bar. No inline script or style: the CSP allows neither.
 */
import type { Locale } from "../domain/records";
import type { T } from "../i18n";

/**
 * Escapes text for HTML content and attribute values.
 * @example esc(`<b>"Sở" & co</b>`) // "&lt;b&gt;&quot;Sở&quot; &amp; co&lt;/b&gt;"
 */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A link of the navigation: its path and the locale key of its label. */
export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

export interface PageParts {
  t: T;
  locale: Locale;
  title: string;
  nav?: readonly NavItem[];
  /** The page's content, already escaped. */
  body: string;
  /** Opened in the Telegram Mini App: load Telegram's script (theme, `initData`) and ours. */
  telegram?: boolean;
  /** The Mini App's first page, which trades `initData` for a session. */
  shell?: boolean;
}

/** The whole document of a view. */
export function page({ t, locale, title, nav = [], body, telegram, shell }: PageParts): string {
  const links = nav.map((n) => `<a href="${esc(n.href)}"${n.current ? ' aria-current="page"' : ""}>${esc(n.label)}</a>`).join("");
  const scripts = telegram
    ? `<script src="https://telegram.org/js/telegram-web-app.js"></script><script src="/app/static/tma.js" defer></script>`
    : "";
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/app/static/app.css">${scripts}</head>
<body${shell ? ' data-shell="1"' : ""}><a class="skip" href="#main">${esc(t("web:skip"))}</a>
<header><p class="bloc">${esc(t("web:brand"))}</p>${links ? `<nav aria-label="${esc(t("web:navLabel"))}">${links}</nav>` : ""}</header>
<main id="main"><h1>${esc(title)}</h1>
${body}
</main>
<footer><p>${esc(t("web:footer"))}</p></footer>
</body></html>`;
}

/** A table column: its header, how a row fills it, and whether it holds a number (right-aligned). */
export interface Column<R> {
  head: string;
  cell: (row: R) => string;
  numeric?: boolean;
  /** Long text (a list of what is missing): kept readable on a phone by a minimum width. */
  wide?: boolean;
  /** A sort link for the header, when the table is sortable by it. */
  sortHref?: string;
  /** `ascending`/`descending` when the table is sorted by this column. */
  sorted?: "ascending" | "descending";
}

/** A real table with a caption, scoped header cells and the first cell of each row as a row header. */
export function table<R>(caption: string, columns: readonly Column<R>[], rows: readonly R[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const head = columns
    .map((c) => {
      const label = c.sortHref ? `<a href="${esc(c.sortHref)}">${esc(c.head)}</a>` : esc(c.head);
      return `<th scope="col"${c.numeric ? ' class="num"' : ""}${c.sorted ? ` aria-sort="${c.sorted}"` : ""}>${label}</th>`;
    })
    .join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${columns
          .map((c, i) =>
            i === 0
              ? `<th scope="row">${c.cell(r)}</th>`
              : `<td${c.numeric ? ' class="num"' : c.wide ? ' class="wide"' : ""}>${c.cell(r)}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  return `<div class="scroll" tabindex="0" role="region" aria-label="${esc(caption)}"><table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A percentage bar with its text (`42,9%`); `meter` semantics for assistive technology. */
export function bar(percent: number | null, text: string, target?: number): string {
  const value = percent === null ? 0 : Math.max(0, Math.min(100, percent));
  const behind = target !== undefined && percent !== null && percent < target ? " behind" : "";
  return `<span class="bar${behind}"><meter min="0" max="100" value="${value.toFixed(1)}"${
    target !== undefined ? ` optimum="100" low="${target}"` : ""
  }>${esc(text)}</meter><span class="pct">${esc(text)}</span></span>`;
}
