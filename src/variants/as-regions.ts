import { programsWithoutRegions } from '../paths/programs';
import { allSiteRegions } from './site-regions';
import { LOCK_SITES, type Variant } from './variant';

/**
 * The variant written in regions alone: every site's locks as a region
 * over the site's range (site-regions.ts), before the variant's own
 * regions, and every site empty. It is the same model (the programs are
 * built this way from the sites: src/paths/programs.ts), which
 * tests/variants/sites-as-regions.test.ts shows cell by cell; the era
 * files in examples/eras are written from it.
 */
export function asRegions(v: Variant): Variant {
  const sites = allSiteRegions(v, programsWithoutRegions(v));
  const locks = Object.fromEntries(LOCK_SITES.map((site) => [site, []])) as unknown as Variant['locks'];
  return { ...v, name: `${v.name}-as-regions`, locks, regions: [...sites.map((s) => s.region), ...v.regions] };
}
