import type { Database, Queryable, Row } from '../../src/db/database.js';

/**
 * Citus readiness (docs/scaling.md#citus): on a Citus cluster distributed by organization,
 * a statement goes to one shard only if every distributed table it scans is pinned to one
 * organization: its distribution column equal to a value, or equal to the distribution
 * column of a table that is (a co-located join). These helpers capture the statements a
 * piece of code issues and check each one's plan for that.
 */

export interface CapturedStatement {
  text: string;
  params: readonly unknown[];
}

/** A database that records every statement issued through it (and its transactions). */
export function capturingDb(db: Database): { db: Database; statements: CapturedStatement[] } {
  const statements: CapturedStatement[] = [];
  const capture = (inner: Queryable): Queryable => ({
    query(text, params = []) {
      statements.push({ text, params });
      return inner.query(text, params);
    },
  });
  const wrapped: Database = {
    ...db,
    query: (text, params) => capture(db).query(text, params),
    transaction: (fn) => db.transaction((tx) => fn(capture(tx))),
  };
  return { db: wrapped, statements };
}

/** Table → its distribution column, for every distributed table of the database. */
export async function distributionColumns(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ table: string }>(
    `select c.table_name as table from information_schema.columns c
       join information_schema.tables t
         on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'`,
  );
  // `org` itself has no org_id: a reference table (a copy on every node), as are the other
  // tables without one (docs/scaling.md#citus).
  return new Map(rows.map((r): [string, string] => [r.table, 'org_id']));
}

/** One scan of a distributed table that no organization pins. */
export interface UnpinnedScan {
  table: string;
  alias: string;
}

interface PlanNode {
  'Relation Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** Conditions a scan applies to its own rows. */
const scanQualKeys = ['Index Cond', 'Recheck Cond', 'Filter', 'TID Cond'];
/** Conditions anywhere in a plan that may join two relations. */
const joinQualKeys = [...scanQualKeys, 'Join Filter', 'Hash Cond', 'Merge Cond'];

/**
 * Splits a condition as EXPLAIN prints it into its top-level AND terms, without their outer
 * parentheses: `((a = b) AND (c = d))` → `a = b`, `c = d`. An OR stays one term (and so
 * pins nothing).
 */
export function conjuncts(condition: string): string[] {
  return splitAt(condition, ' AND ');
}

/** The top-level OR branches of a condition (one: no OR). */
function disjuncts(condition: string): string[] {
  return splitAt(condition, ' OR ');
}

function splitAt(condition: string, operator: string): string[] {
  const text = stripParens(condition.trim());
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (depth === 0 && text.startsWith(operator, i)) {
      parts.push(text.slice(start, i));
      start = i + operator.length;
    }
  }
  parts.push(text.slice(start));
  if (parts.length === 1) return [text];
  return parts.flatMap((part) => splitAt(part, operator));
}

/** Removes parentheses that wrap the whole text. */
function stripParens(text: string): string {
  while (text.startsWith('(') && closingParen(text, 0) === text.length - 1)
    text = text.slice(1, -1).trim();
  return text;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const identifier = '"?[A-Za-z_][A-Za-z0-9_$]*"?';
const columnRef = new RegExp(`^(${identifier})\\.(${identifier})$`);
/** A value the whole statement shares: a literal (a bound parameter, folded) or a `$n`. */
const value = /^('[^']*'(::[a-z ]+)?|\$\d+)$/;

const unquote = (name: string) => name.replace(/^"|"$/g, '');

/** `alias.column` of an operand, or null. */
function column(operand: string): { alias: string; column: string } | null {
  const match = columnRef.exec(stripParens(operand.trim()));
  return match?.[1] && match[2] ? { alias: unquote(match[1]), column: unquote(match[2]) } : null;
}

/** The two operands of an equality term, or null. */
function equality(term: string): [string, string] | null {
  const text = stripParens(term);
  const at = text.indexOf(' = ');
  if (at < 0 || text.indexOf(' = ', at + 3) >= 0) return null;
  return [text.slice(0, at), text.slice(at + 3)];
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

const qualsOf = (node: PlanNode, keys: string[]) =>
  keys.flatMap((key) => (typeof node[key] === 'string' ? conjuncts(node[key] as string) : []));

/**
 * The distributed tables and derived relations (CTE and subquery scans) that the plan of the
 * derived relation `alias` reads.
 */
function readsOf(
  alias: string,
  node: PlanNode,
  scans: Map<string, string>,
  derived: Map<string, PlanNode>,
) {
  const aliases: string[] = [];
  walk(node, (n) => {
    if (n.Alias && n.Alias !== alias && (scans.has(n.Alias) || derived.has(n.Alias)))
      aliases.push(n.Alias);
  });
  return aliases;
}

/**
 * The scans of distributed tables in `plan` (EXPLAIN (VERBOSE, FORMAT JSON)'s root `Plan`)
 * that are not pinned to one organization. A scan is pinned by its own condition
 * `distribution column = value` (in each branch of an OR, too), or by an equality of its
 * distribution column with one of a pinned relation: a distributed table's, or the `org_id`
 * column of a CTE or subquery all of whose reads are pinned (co-located). Empty: the
 * statement routes to one shard.
 */
export function unpinnedScans(plan: PlanNode, distribution: Map<string, string>): UnpinnedScan[] {
  const scans = new Map<string, string>(); // alias → distributed table
  const derived = new Map<string, PlanNode>(); // alias of a CTE or subquery scan → its plan
  const ctes = new Map<string, PlanNode>();
  walk(plan, (node) => {
    const table = node['Relation Name'];
    // The target of an INSERT is no scan: Citus routes each row by its own org_id. An UPDATE's
    // or a DELETE's rows come from a scan below, with the same alias.
    if (table && node.Alias && distribution.has(table) && node['Node Type'] !== 'ModifyTable')
      scans.set(node.Alias, table);
    const name = node['Subplan Name'];
    if (typeof name === 'string' && name.startsWith('CTE ')) ctes.set(name.slice(4), node);
  });
  walk(plan, (node) => {
    if (!node.Alias) return;
    if (node['Node Type'] === 'CTE Scan') {
      const cte = ctes.get(String(node['CTE Name']));
      if (cte) derived.set(node.Alias, cte);
    } else if (node['Node Type'] === 'Subquery Scan' && node.Plans?.[0]) {
      derived.set(node.Alias, node);
    }
  });
  const distributionColumn = (alias: string) =>
    scans.has(alias)
      ? distribution.get(scans.get(alias) ?? '')
      : derived.has(alias)
        ? 'org_id'
        : undefined;
  const isDistribution = (ref: { alias: string; column: string } | null) =>
    ref !== null && distributionColumn(ref.alias) === ref.column;
  const pinsAlias = (term: string, alias: string): boolean => {
    const branches = disjuncts(term);
    if (branches.length > 1)
      return branches.every((branch) => conjuncts(branch).some((t) => pinsAlias(t, alias)));
    const sides = equality(term);
    if (!sides) return false;
    const [left, right] = sides;
    return [
      [left, right],
      [right, left],
    ].some(([col, other]) => {
      const ref = column(col ?? '');
      return ref?.alias === alias && isDistribution(ref) && value.test((other ?? '').trim());
    });
  };
  const pinned = new Set<string>();
  const links: Array<[string, string]> = [];
  walk(plan, (node) => {
    const own = node.Alias && scans.has(node.Alias) ? node.Alias : null;
    if (own && qualsOf(node, scanQualKeys).some((term) => pinsAlias(term, own))) pinned.add(own);
    for (const term of qualsOf(node, joinQualKeys)) {
      const sides = equality(term);
      if (!sides) continue;
      const [a, b] = sides.map(column);
      if (a && b && isDistribution(a) && isDistribution(b)) links.push([a.alias, b.alias]);
    }
  });
  const reached = new Set(pinned);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [a, b] of links) {
      if (reached.has(a) !== reached.has(b)) {
        reached.add(a);
        reached.add(b);
        grew = true;
      }
    }
    for (const [alias, node] of derived) {
      const reads = readsOf(alias, node, scans, derived);
      if (!reached.has(alias) && reads.length > 0 && reads.every((r) => reached.has(r))) {
        reached.add(alias);
        grew = true;
      }
    }
  }
  return [...scans]
    .filter(([alias]) => !reached.has(alias))
    .map(([alias, table]) => ({ table, alias }));
}

/** The statements EXPLAIN can plan (not BEGIN, SET, …). */
const plannable = /^\s*(\(?\s*select|with|insert|update|delete|values)\b/i;

export interface StatementVerdict {
  statement: CapturedStatement;
  /** The distributed tables its plan scans. */
  scanned: string[];
  unpinned: UnpinnedScan[];
}

/** Plans each statement with its own parameters and lists the scans no organization pins. */
export async function checkStatements(
  db: Queryable,
  statements: readonly CapturedStatement[],
  distribution: Map<string, string>,
): Promise<StatementVerdict[]> {
  const verdicts: StatementVerdict[] = [];
  for (const statement of statements) {
    if (!plannable.test(statement.text)) continue;
    const [row] = await db.query<Row>(
      `explain (verbose, format json) ${statement.text}`,
      statement.params,
    );
    const plan = planOf(row);
    const scanned = new Set<string>();
    walk(plan, (node) => {
      const table = node['Relation Name'];
      if (table && distribution.has(table) && node['Node Type'] !== 'ModifyTable')
        scanned.add(table);
    });
    verdicts.push({
      statement,
      scanned: [...scanned],
      unpinned: unpinnedScans(plan, distribution),
    });
  }
  return verdicts;
}

function planOf(row: Row | undefined): PlanNode {
  const cell = row?.['QUERY PLAN'];
  const parsed = typeof cell === 'string' ? JSON.parse(cell) : cell;
  const plan = Array.isArray(parsed) ? parsed[0]?.Plan : undefined;
  if (!plan) throw new Error(`no plan in ${JSON.stringify(row)}`);
  return plan as PlanNode;
}
