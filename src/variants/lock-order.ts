import { BLOCK_LOOKUPS, lockOfStepName } from '../paths/lock-sites';
import { programsFor } from '../paths/programs';
import { REGION_STEPS } from '../paths/regions';
import { isVariantLock, lockOrder } from './lock-table';
import { parsePunchStep } from './punch-step';
import { LOCK_SITES, type LockSite, type Variant } from './variant';
import { VariantError } from './variant-error';
import { PAGE_LOCK, PUNCH_ACTIONS_LOCKING_PAGES, pageLockUse, SITES_LOCKING_PAGES } from './page-lock-order';

/** Where a lock is taken: a field of the variant ("punch.2", "locks.write.0"), and for a lock the path takes itself, the step. */
interface Taking {
  readonly lock: string;
  readonly where: string;
}

/** "Held `held` while taking `taken`": an edge of the lock order, with the places that made it. */
interface Edge {
  readonly held: Taking;
  readonly taken: Taking;
}

/**
 * The sites whose steps look up or allocate blocks, taking i_data_sem
 * inside the site's locks (the lookup is one step that waits for the lock,
 * src/paths: ext4_map_blocks in read-page-in.ts, readahead.ts,
 * writeback.ts, dio-read.ts and dio-write.ts; ext4_da_get_block_prep in
 * write.ts and mmap-write.ts). read.update only waits for the page
 * (filemap_update_page). tests/variants/lock-order.test.ts checks the list
 * against the programs.
 */
export const SITES_TAKING_I_DATA_SEM: ReadonlySet<LockSite> = new Set<LockSite>([
  'read.create', 'readahead.batch', 'fault', 'fault.create', 'page_mkwrite', 'write', 'writeback', 'dio.read', 'dio.write',
]);

/**
 * A running transaction's handle, as lockdep sees it: 5.15
 * fs/jbd2/journal.c journal_init_common names the journal's
 * j_trans_commit_map "jbd2_handle", and fs/jbd2/transaction.c
 * start_this_handle takes it shared (rwsem_acquire_read) for every
 * ext4_journal_start, which waits while a commit has locked the
 * transaction; the handle holds it until ext4_journal_stop, and the commit
 * waits for every handle to stop (src/model/journal.ts). A lock held while
 * starting a handle, and a lock taken while holding one, are edges like
 * any other.
 */
export const JOURNAL_HANDLE = 'jbd2_handle';

/** The sites whose steps start a journal handle inside the site's locks (src/paths/writeback.ts: ext4_journal_start, then the allocation). */
const SITES_STARTING_HANDLE: ReadonlySet<LockSite> = new Set<LockSite>(['writeback']);

/**
 * Sites nested in other sites of the same path, outermost first:
 * fault.create lies inside fault (src/paths/fault.ts), and both inside
 * write in write(2) from a mapping of foo, which faults its buffer in with
 * i_rwsem held (src/paths/write.ts; 5.15 mm/filemap.c generic_perform_write).
 */
const ENCLOSING: Partial<Record<LockSite, readonly LockSite[]>> = { fault: ['write'], 'fault.create': ['write', 'fault'] };

/** Every "held A while taking B" of the punch as listed, with i_data_sem taken by RM (ext4_ext_remove_space). */
function punchEdges(v: Variant): Edge[] {
  const edges: Edge[] = [];
  const held: Taking[] = [];
  const take = (t: Taking) => held.forEach((h) => edges.push({ held: h, taken: t }));
  v.punch.forEach((name, i) => {
    const step = parsePunchStep(name, (lock) => isVariantLock(v.newLocks, lock));
    if (typeof step === 'string') return;
    if (step.kind === 'action') {
      if (step.action === 'ext4_ext_remove_space') take({ lock: 'i_data_sem', where: `punch.${i} (ext4_ext_remove_space)` });
      if (PUNCH_ACTIONS_LOCKING_PAGES.has(step.action)) take({ lock: PAGE_LOCK, where: `punch.${i} (truncate_inode_pages_range)` });
      if (step.action === 'ext4_journal_start') {
        const t = { lock: JOURNAL_HANDLE, where: `punch.${i}` };
        take(t);
        held.push(t);
      }
      if (step.action === 'ext4_journal_stop') {
        const k = held.findIndex((h) => h.lock === JOURNAL_HANDLE);
        if (k >= 0) held.splice(k, 1);
      }
      return;
    }
    const t = { lock: step.lock, where: `punch.${i}` };
    if (!step.acquire) {
      const k = held.findIndex((h) => h.lock === step.lock);
      if (k >= 0) held.splice(k, 1);
      return;
    }
    take(t);
    held.push(t);
  });
  return edges;
}

/** Every "held A while taking B" of the lock sites: a site's locks in order, the enclosing site's before them, then i_data_sem inside. */
function siteEdges(v: Variant): Edge[] {
  const edges: Edge[] = [];
  const takings = (site: LockSite): Taking[] => v.locks[site].map((u, k) => ({ lock: u.lock, where: `locks.${site}.${k}` }));
  for (const site of LOCK_SITES) {
    const outer = (ENCLOSING[site] ?? []).flatMap(takings);
    const mine = takings(site);
    mine.forEach((t, k) => [...outer, ...mine.slice(0, k)].forEach((h) => edges.push({ held: h, taken: t })));
    if (SITES_TAKING_I_DATA_SEM.has(site)) {
      for (const h of [...outer, ...mine]) edges.push({ held: h, taken: { lock: 'i_data_sem', where: `the block lookup in ${site}` } });
    }
    if (SITES_LOCKING_PAGES.has(site)) {
      for (const h of [...outer, ...mine]) edges.push({ held: h, taken: { lock: PAGE_LOCK, where: `the page lock in ${site}` } });
    }
    if (SITES_STARTING_HANDLE.has(site)) {
      const handle = { lock: JOURNAL_HANDLE, where: `the journal handle of ${site}` };
      for (const h of [...outer, ...mine]) edges.push({ held: h, taken: handle });
      edges.push({ held: handle, taken: { lock: PAGE_LOCK, where: `the page lock in ${site}` } });
      edges.push({ held: handle, taken: { lock: 'i_data_sem', where: `the block allocation in ${site}` } });
    }
  }
  return edges;
}


/**
 * Every "held A while taking B" of each path that has a lock region, read
 * from its program's main flow in order (the region's steps, the sites'
 * and the block lookups'), or the region that crosses a site: a lock
 * released while one taken after it is still held.
 */
function regionEdges(v: Variant): { edges: Edge[]; problem: VariantError | null } {
  const edges: Edge[] = [];
  const paths = new Set<string>(v.regions.map((r) => r.path));
  for (const p of programsFor(v).filter((q) => paths.has(q.op))) {
    const path = p.op;
    const held: Taking[] = [];
    for (const step of p.steps.slice(0, p.mainLength)) {
      const where = REGION_STEPS.get(step) ?? `${step.name} in ${path}`;
      if (BLOCK_LOOKUPS.has(step.name)) held.forEach((h) => edges.push({ held: h, taken: { lock: 'i_data_sem', where: `the block lookup in ${path}` } }));
      const page = pageLockUse(path, step.name);
      if (page !== null) {
        if (page !== 'release') held.forEach((h) => edges.push({ held: h, taken: { lock: PAGE_LOCK, where } }));
        if (page === 'take') held.push({ lock: PAGE_LOCK, where });
        if (page === 'release' && held.some((h) => h.lock === PAGE_LOCK)) held.splice(held.map((h) => h.lock).lastIndexOf(PAGE_LOCK), 1);
        continue;
      }
      const l = step.name === 'ext4_journal_start' || step.name === 'ext4_journal_stop'
        ? { lock: JOURNAL_HANDLE, mode: 'shared' as const, take: step.name === 'ext4_journal_start' }
        : lockOfStepName(step.name);
      if (l === null) continue;
      if (l.take) {
        held.forEach((h) => edges.push({ held: h, taken: { lock: l.lock, where } }));
        held.push({ lock: l.lock, where });
        continue;
      }
      const k = held.map((h) => h.lock).lastIndexOf(l.lock);
      // Stopping a handle never waits, and a handle or a page's lock is not a region's to nest: only locks must be released innermost first.
      const above = held.slice(k + 1).filter((h) => h.lock !== PAGE_LOCK);
      if (k >= 0 && above.length > 0 && l.lock !== JOURNAL_HANDLE) {
        const inner = above[above.length - 1];
        const field = [where, inner.where, held[k].where].find((w) => w.startsWith('regions.'))?.replace(/\.locks\.\d+$/, '') ?? 'regions';
        return { edges, problem: new VariantError(field, `the region crosses the locks of ${path}: ${l.lock} is released while ${inner.lock} (${inner.where}), taken after it, is held; nest the region inside them or around them`) };
      }
      if (k >= 0) held.splice(k, 1);
    }
  }
  return { edges, problem: null };
}

/**
 * The lock order itself: each lock -> the next in the variant's order (the
 * kernel's for the built-ins, with the variant's own placed where it
 * declares them; lock-table.ts lockOrder), so that a path taking two locks
 * the other way round closes a cycle even when no other path nests them.
 */
function orderEdges(v: Variant): Edge[] {
  const order = lockOrder(v.newLocks);
  const where = (lock: string): string => {
    const k = v.newLocks.findIndex((l) => l.name === lock);
    return k < 0 ? 'the kernel\'s lock order' : `the lock order newLocks.${k} declares`;
  };
  return order.slice(1).map((lock, i) => ({ held: { lock: order[i], where: where(order[i]) }, taken: { lock, where: where(lock) } }));
}

/**
 * The lock order, checked as lockdep would check it when a variant file is
 * loaded: every "held A while taking B" of the punch and of every lock site
 * (with the locks the paths take themselves: i_data_sem in RM and in every
 * block lookup, the journal handle in the punch and writeback) is an edge A -> B, and so is each step of the lock order;
 * a cycle, a self-loop included, means two threads can each hold what the
 * other waits for, or a lock is taken against the order. The cycle is
 * reported with the place of every edge, naming a field of it that `given`
 * says the file gave (its own punch, or a site it set), where there is one.
 * It does not judge shared against exclusive: as lockdep does for rwsems,
 * a cycle through shared acquisitions counts too, since a queued writer
 * makes a second down_read wait (kernel-facts.md, "Lock order").
 */
export function lockOrderProblem(v: Variant, given: (field: string) => boolean = () => true): VariantError | null {
  const regions = regionEdges(v);
  if (regions.problem !== null) return regions.problem;
  if (v.lockOrderAtLoad === 'allow') return null;
  const pageThenLookup = { held: { lock: PAGE_LOCK, where: 'the kernel\'s lock order' }, taken: { lock: 'i_data_sem', where: 'the kernel\'s lock order' } };
  const edges = [...punchEdges(v), ...siteEdges(v), ...regions.edges, ...orderEdges(v), pageThenLookup];
  const cycle = findCycle(edges);
  if (cycle === null) return null;
  const words = cycle.map((e) => `${e.held.lock} -> ${e.taken.lock} (held from ${e.held.where}, taken at ${e.taken.where})`);
  // The field named is where a lock of the cycle is taken (or, failing that, held), one the file itself gave (not inherited
  // from its parent) where there is one; the places of the paths' own code ("the block lookup in ...") are not fields.
  const fields = cycle.flatMap((e) => [e.taken.where, e.held.where]).filter((w) => !w.startsWith('the ') && !w.includes(' in ')).map((w) => w.replace(/ \(.*\)$/, ''));
  const field = fields.find(given) ?? fields[0] ?? 'punch';
  return new VariantError(field, `lock order cycle: ${words.join('; ')}`);
}

/** A cycle of the graph, as its edges in order, or null: depth-first from each lock in turn. */
function findCycle(edges: readonly Edge[]): Edge[] | null {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.held.lock, [...(out.get(e.held.lock) ?? []), e]);
  const done = new Set<string>();
  const path: Edge[] = [];
  const onPath = new Set<string>();
  const visit = (lock: string): Edge[] | null => {
    onPath.add(lock);
    for (const e of out.get(lock) ?? []) {
      path.push(e);
      if (onPath.has(e.taken.lock)) return path.slice(path.findIndex((p) => p.held.lock === e.taken.lock));
      if (!done.has(e.taken.lock)) {
        const found = visit(e.taken.lock);
        if (found !== null) return found;
      }
      path.pop();
    }
    onPath.delete(lock);
    done.add(lock);
    return null;
  };
  for (const lock of out.keys()) {
    if (done.has(lock)) continue;
    const found = visit(lock);
    if (found !== null) return found;
  }
  return null;
}
