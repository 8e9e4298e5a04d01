import type { Program } from '../model/program';
import { LOCK_SITES, type LockSite, type Region, type RegionPath, type Variant } from './variant';

/** Either end of a range: a step's name, or the first or last step of the path's main flow. */
type End = string | { readonly main: 'first' | 'last' };
const FIRST: End = { main: 'first' };
const LAST: End = { main: 'last' };

/**
 * Each named lock site as the step range it covers, path by path: a site
 * is a region with a name (src/paths/programs.ts places them, before the
 * variant's own regions). `fault` and `fault.create` are in both mmap paths, since a
 * store faults the page in first, and in write(2) from a mapping of foo,
 * which faults its buffer in (src/paths/write.ts), and read(2) into one
 * (src/paths/read.ts); a range whose steps a program of its path does not
 * have (the plain write's) is left out there. read(2)'s own page-creating
 * steps have the same names as its buffer's fault's (add_to_page_cache_lru
 * .. page_endio): there fault.create is the first such range after
 * filemap_fault (Region.after), read.create the first of the path.
 */
export const SITE_RANGES: { readonly [S in LockSite]: ReadonlyArray<{ readonly path: RegionPath; readonly from: End; readonly to: End; readonly after?: string }> } = {
  'read.create': [{ path: 'read', from: 'add_to_page_cache_lru', to: 'page_endio' }],
  'read.update': [{ path: 'read', from: 'filemap_update_page', to: 'filemap_update_page' }],
  'readahead.batch': [{ path: 'readahead', from: FIRST, to: LAST }],
  fault: [
    { path: 'mmapRead', from: 'filemap_fault', to: 'finish_fault' },
    { path: 'mmapWrite', from: 'filemap_fault', to: 'finish_fault' },
    { path: 'write', from: 'filemap_fault', to: 'finish_fault' },
    { path: 'read', from: 'filemap_fault', to: 'finish_fault' },
  ],
  'fault.create': [
    { path: 'mmapRead', from: 'add_to_page_cache_lru', to: 'page_endio' },
    { path: 'mmapWrite', from: 'add_to_page_cache_lru', to: 'page_endio' },
    { path: 'write', from: 'add_to_page_cache_lru', to: 'page_endio' },
    { path: 'read', from: 'add_to_page_cache_lru', to: 'page_endio', after: 'filemap_fault' },
  ],
  page_mkwrite: [{ path: 'mmapWrite', from: 'lock_page', to: 'set_page_dirty' }],
  write: [{ path: 'write', from: FIRST, to: LAST }],
  writeback: [{ path: 'writeback', from: FIRST, to: 'end_page_writeback' }],
  'dio.read': [{ path: 'dioRead', from: 'filemap_write_and_wait_range', to: 'ext4_map_blocks' }],
  'dio.write': [{ path: 'dioWrite', from: 'filemap_write_and_wait_range', to: 'ext4_map_blocks' }],
};

function stepName(p: Program, end: End): string {
  if (typeof end === 'string') return end;
  const main = p.steps.slice(0, p.mainLength ?? p.steps.length);
  return (end.main === 'first' ? main[0] : main[main.length - 1]).name;
}

/**
 * Every site's locks as regions over the site's ranges in the programs
 * `bare` (programsWithoutRegions), in the order programsFor places them:
 * a range over the plain program of its path (OP), or, where that program
 * lacks its steps, over another program of the path (the fault sites in
 * write(2) from a mapping of foo), as variants/as-regions.ts writes an era.
 */
export function allSiteRegions(v: Variant, bare: readonly Program[]): Array<{ readonly region: Region; readonly field: string }> {
  const plain = new Map(bare.map((p) => [p.op, p] as const).reverse());
  return LOCK_SITES.flatMap((site) => {
    const mine = bare.map((p) => siteRegions(v, p).filter((r) => r.field === `locks.${site}`));
    return mine.flatMap((regions, i) => regions.filter(({ region }) => bare[i] === plain.get(region.path)
      || !siteRegions(v, plain.get(region.path)!).some((r) => r.field === `locks.${site}`)));
  });
}

/**
 * Every site's locks as regions over the site's range in the program
 * `bare` (a path's code alone), the outer sites first so that `fault`
 * encloses `fault.create`; each with the field its lock steps come from
 * ("locks.write"), for the lock-order check.
 */
export function siteRegions(v: Variant, bare: Program): Array<{ readonly region: Region; readonly field: string }> {
  const has = (end: End): boolean => typeof end !== 'string' || bare.steps.some((st) => st.name === end);
  return LOCK_SITES.flatMap((site) => v.locks[site].length === 0 ? [] : SITE_RANGES[site].flatMap((r) => {
    if (r.path !== bare.op || !has(r.from) || !has(r.to) || (r.after !== undefined && !has(r.after))) return [];
    const region: Region = { path: r.path, from: stepName(bare, r.from), to: stepName(bare, r.to), locks: v.locks[site], ...(r.after === undefined ? {} : { after: r.after }) };
    return [{ region, field: `locks.${site}` }];
  }));
}
