/**
 * The staffing and cluster-design editors' changes to a scenario, as scenario overrides
 * (`path=value`, the same as `mhst --set`) and in words (which name the run). Pure: no DOM, so
 * the browser and the tests use the same functions. A list whose items are only edited changes
 * item by item (`schools[p05].cluster=c2`); a list with items added or removed is written whole
 * (`practitioners=[...]`), since overrides select items by id in the file as written.
 */

/** A list item as the scenario file writes it (posts, schools, clusters). */
export type Item = Readonly<Record<string, unknown>>;

/** What GET /api/scenarios/:id/structure answers. */
export interface Structure {
  readonly id: string;
  readonly name: string;
  readonly editable: boolean;
  readonly note: string | null;
  readonly calendar: { readonly startDate: string; readonly years: number };
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  readonly clusters: readonly Item[];
  readonly schools: readonly Item[];
  readonly practitioners: readonly Item[];
  readonly workforce: { readonly refill: boolean; readonly refillWritten: boolean; readonly recruitmentLagWeeks: unknown; readonly turnover: boolean; readonly trainees: boolean };
}

/** A one-step vacancy: the post's holder leaves on `from`; a new holder starts on `to` when refilled. */
export interface Vacancy {
  readonly post: string;
  readonly from: string;
  readonly to: string | null;
  readonly refilled: boolean;
  /** Id of the post that the new holder fills (refilled only). */
  readonly newPost: string | null;
}

/** The editors' working copy of a scenario's lists. */
export interface Draft {
  readonly clusters: readonly Item[];
  readonly schools: readonly Item[];
  readonly practitioners: readonly Item[];
  /** workforce.refill: vacated posts are filled again after the recruitment lag. */
  readonly refill: boolean;
  readonly vacancies: readonly Vacancy[];
}

/** A draft equal to the scenario. */
export function draftOf(s: Structure): Draft {
  return { clusters: s.clusters, schools: s.schools, practitioners: s.practitioners, refill: s.workforce.refill, vacancies: [] };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-10-20" → "20 Oct 2025" (other text as it is). */
export function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/**
 * Whether text is a real calendar date written YYYY-MM-DD (the scenario file's form).
 * @example isIsoDate("2025-10-20") // true; isIsoDate("2025-02-30") // false
 */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * A date typed into a date field, as YYYY-MM-DD, whatever the browser's locale: YYYY-MM-DD as
 * it is, or day first as dates are written in the UK ("20/10/2025", "20.10.2025",
 * "20 Oct 2025", "20 October 2025"). Null when the text is none of these or not a real date.
 * @example parseDate("20/10/2025") // "2025-10-20"; parseDate("10/20/2025") // null
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const words = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(t);
  let y: string, m: number, d: string;
  if (iso) [y, m, d] = [iso[1]!, Number(iso[2]), iso[3]!];
  else if (dmy) [y, m, d] = [dmy[3]!, Number(dmy[2]), dmy[1]!];
  else if (words) {
    const at = MONTHS.findIndex((name) => words[2]!.toLowerCase().startsWith(name.toLowerCase()));
    const full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][at];
    if (at < 0 || !(full!.startsWith(words[2]!.toLowerCase()) || words[2]!.toLowerCase() === "sept")) return null;
    [y, m, d] = [words[3]!, at + 1, words[1]!];
  } else return null;
  const out = `${y}-${String(m).padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isIsoDate(out) ? out : null;
}

/**
 * An override value: a plain id or date as it is, anything else as JSON (which YAML reads the same).
 * @example overrideValue("c2") // "c2"; overrideValue("North & south") // "\"North & south\""
 */
export function overrideValue(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string" && (/^\d{4}-\d{2}-\d{2}$/.test(v) || (/^[A-Za-z][A-Za-z0-9_.-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v)))) return v;
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const idOf = (x: Item) => String(x.id);
const ids = (list: readonly Item[]) => list.map(idOf);

/**
 * Makes a post vacant in one step: its holder leaves on `from` and the post is not filled again
 * (`refill: false` on that post alone, so other posts refill as the scenario says); when
 * `refilled`, a new post (a copy of it, qualified, no end date) starts on `to`.
 * @throws Error naming the field when the post is unknown, a date is missing or `to` is not after `from`.
 * @example makeVacant(d, "emhp-2", "2025-10-20", null, false).practitioners[1] // { id: "emhp-2", …, endDate: "2025-10-20", refill: false }
 */
export function makeVacant(d: Draft, post: string, from: string, to: string | null, refilled: boolean): Draft {
  const at = d.practitioners.findIndex((p) => idOf(p) === post);
  if (at < 0) throw new Error(`post: ${JSON.stringify(post)} is not a post of this scenario`);
  if (!isIsoDate(from)) throw new Error(`from: ${JSON.stringify(from)} must be a date as YYYY-MM-DD (the day the holder leaves)`);
  if (refilled && (to === null || !isIsoDate(to))) throw new Error(`to: ${to === null || to === "" ? "a refilled post needs the date its new holder starts" : `${JSON.stringify(to)} must be a date as YYYY-MM-DD (the day the new holder starts)`}`);
  if (refilled && to! <= from) throw new Error(`to: ${to} must be after from (${from})`);
  const list = [...d.practitioners];
  list[at] = { ...list[at], endDate: from, refill: false };
  let newPost: string | null = null;
  if (refilled) {
    const taken = new Set(ids(list));
    newPost = `${post}-refill`;
    for (let i = 2; taken.has(newPost); i++) newPost = `${post}-refill-${i}`;
    const { endDate: _e, training: _t, name: _n, refill: _r, ...rest } = list[at] as Record<string, unknown>;
    list.splice(at + 1, 0, { ...rest, id: newPost, startDate: to });
  }
  return { ...d, practitioners: list, vacancies: [...d.vacancies, { post, from, to: refilled ? to : null, refilled, newPost }] };
}

/** The words of a vacancy, which name the run. */
export function vacancyText(v: Vacancy): string {
  return v.refilled ? `${v.post} vacant from ${dateText(v.from)} to ${dateText(v.to!)}, then refilled` : `${v.post} vacant from ${dateText(v.from)}, not refilled`;
}

function describePost(p: Item): string {
  const role = String(p.role ?? "emhp");
  const fte = p.fte === undefined ? 1 : Number(p.fte);
  const alloc = p.allocation as { clusters?: string[]; days?: number } | undefined;
  const where = alloc ? `in ${(alloc.clusters ?? []).join(", ")}` : p.pattern ? "on a weekly pattern" : "";
  const dates = [p.startDate ? `from ${dateText(String(p.startDate))}` : "", p.endDate ? `to ${dateText(String(p.endDate))}` : ""].filter(Boolean).join(" ");
  return [`${role}, ${fte} FTE`, where, dates, p.training ? `trainee, intake ${dateText(String((p.training as { start?: string }).start ?? ""))}` : ""].filter(Boolean).join(", ");
}

const FIELD_WORDS: Readonly<Record<string, string>> = { role: "role", fte: "FTE", refill: "refill", pattern: "weekly pattern", allocation: "clusters and days", startDate: "start date", endDate: "end date", training: "training", team: "team", name: "name" };

function fieldText(key: string, v: unknown): string {
  if (key === "refill") return v === undefined ? "refilled as the scenario says" : v ? "refilled after the recruitment lag" : "not refilled when vacated";
  if (v === undefined || v === null) return `no ${FIELD_WORDS[key] ?? key}`;
  if (key === "startDate" || key === "endDate") return `${FIELD_WORDS[key]} ${dateText(String(v))}`;
  if (key === "training") return `trainee, intake ${dateText(String((v as { start?: string }).start ?? ""))}`;
  if (key === "allocation") {
    const a = v as { clusters?: string[]; days?: number };
    return `${(a.clusters ?? []).join(", ")}${a.days !== undefined ? `, ${a.days} days a week` : ""} (by pupils)`;
  }
  if (key === "pattern") return `weekly pattern ${["mon", "tue", "wed", "thu", "fri"].map((d) => { const x = (v as Record<string, unknown>)[d]; return Array.isArray(x) ? x.map((y) => y ?? "–").join("/") : (x ?? "–"); }).join(" ")}`;
  return `${FIELD_WORDS[key] ?? key} ${typeof v === "string" ? v : JSON.stringify(v)}`;
}

/** Overrides and words for one list: item by item when its ids are unchanged, else the whole list. */
function listChanges(key: string, base: readonly Item[], now: readonly Item[], words: (before: Item | undefined, after: Item | undefined) => string[]): { overrides: string[]; changes: string[] } {
  const overrides: string[] = [];
  const changes: string[] = [];
  if (same(ids(base), ids(now))) {
    now.forEach((item, i) => {
      const was = base[i]!;
      if (same(was, item)) return;
      for (const f of new Set([...Object.keys(was), ...Object.keys(item)])) if (!same(was[f], item[f])) overrides.push(`${key}[${idOf(item)}].${f}=${overrideValue(item[f])}`);
      changes.push(...words(was, item));
    });
    return { overrides, changes };
  }
  overrides.push(`${key}=${JSON.stringify(now)}`);
  const before = new Map(base.map((x) => [idOf(x), x]));
  const after = new Set(ids(now));
  for (const x of base) if (!after.has(idOf(x))) changes.push(...words(x, undefined));
  for (const x of now) if (!same(before.get(idOf(x)), x)) changes.push(...words(before.get(idOf(x)), x));
  return { overrides, changes };
}

/**
 * The draft's differences from the scenario: overrides in a fixed order (clusters, schools,
 * posts, workforce.refill) and the changes in words, a one-step vacancy as one phrase.
 * @example changesOf(s, makeVacant(draftOf(s), "emhp-2", "2025-10-20", null, false)).changes
 *   // ["emhp-2 vacant from 20 Oct 2025, not refilled"]
 */
export function changesOf(s: Structure, d: Draft): { overrides: string[]; changes: string[] } {
  const clusterName = (id: unknown) => String(d.clusters.find((c) => c.id === id)?.name ?? id);
  const clusters = listChanges("clusters", s.clusters, d.clusters, (was, now) => {
    if (!now) return [`cluster ${idOf(was!)} removed`];
    if (!was) return [`cluster ${idOf(now)} added${now.name ? ` (${String(now.name)})` : ""}`];
    const out: string[] = [];
    if (!same(was.name, now.name)) out.push(`cluster ${idOf(now)} renamed ${now.name === undefined ? idOf(now) : String(now.name)}`);
    if (!same(was.practitionerDays, now.practitionerDays)) out.push(now.practitionerDays === undefined ? `cluster ${idOf(now)} days by pupils` : `cluster ${idOf(now)} ${String(now.practitionerDays)} practitioner days a week`);
    for (const f of Object.keys({ ...was, ...now })) if (!["id", "name", "practitionerDays"].includes(f) && !same(was[f], now[f])) out.push(`cluster ${idOf(now)} ${fieldText(f, now[f])}`);
    return out;
  });
  const schools = listChanges("schools", s.schools, d.schools, (was, now) => {
    if (!now) return [`school ${idOf(was!)} removed`];
    if (!was) return [`school ${idOf(now)} added`];
    const out: string[] = [];
    if (!same(was.cluster, now.cluster)) out.push(`${idOf(now)} moved to ${clusterName(now.cluster)}`);
    if (!same(was.pupils, now.pupils)) out.push(`${idOf(now)} ${String(now.pupils)} pupils`);
    if (!same(was.phase, now.phase)) out.push(`${idOf(now)} ${String(now.phase ?? "primary")}`);
    for (const f of Object.keys({ ...was, ...now })) if (!["id", "cluster", "pupils", "phase"].includes(f) && !same(was[f], now[f])) out.push(`${idOf(now)} ${fieldText(f, now[f])}`);
    return out;
  });
  // Parts a one-step vacancy made are said once, by the vacancy.
  const covered = new Set(d.vacancies.flatMap((v) => [`end:${v.post}:${v.from}`, `refill:${v.post}`, ...(v.newPost ? [`new:${v.newPost}`] : [])]));
  const posts = listChanges("practitioners", s.practitioners, d.practitioners, (was, now) => {
    if (!now) return [`post ${idOf(was!)} removed`];
    if (!was) return covered.has(`new:${idOf(now)}`) ? [] : [`new post ${idOf(now)} (${describePost(now)})`];
    const out: string[] = [];
    for (const f of new Set([...Object.keys(was), ...Object.keys(now)])) {
      if (same(was[f], now[f])) continue;
      if (f === "endDate" && covered.has(`end:${idOf(now)}:${String(now.endDate)}`)) continue;
      if (f === "refill" && now.refill === false && covered.has(`refill:${idOf(now)}`)) continue;
      out.push(`${idOf(now)} ${fieldText(f, now[f])}`);
    }
    return out;
  });
  const refill = d.refill === s.workforce.refill ? [] : [`workforce.refill=${d.refill}`];
  const refillWords = d.refill === s.workforce.refill ? [] : [d.refill ? "vacated posts refilled after the recruitment lag" : "vacated posts not refilled"];
  return {
    overrides: [...clusters.overrides, ...schools.overrides, ...posts.overrides, ...refill],
    changes: [...d.vacancies.map(vacancyText), ...clusters.changes, ...schools.changes, ...posts.changes, ...refillWords],
  };
}

/** Quotes an argument for a POSIX shell (single quotes). */
export const shellQuote = (s: string): string => (/^[A-Za-z0-9_./=:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The `mhst compare` command line that runs the same comparison.
 * @example compareCommand("trailblazer-team", ["casework.slotsPerDay=5"], 10, 1)
 *   // "mhst compare trailblazer-team --set-b casework.slotsPerDay=5 --reps 10 --seed 1"
 */
export function compareCommand(scenario: string, overrides: readonly string[], reps: number, seed: number): string {
  return ["mhst compare", shellQuote(scenario), ...overrides.map((o) => `--set-b ${shellQuote(o)}`), `--reps ${reps}`, `--seed ${seed}`, "--scope all"].join(" ");
}
