import type { AgreementReport } from '../../shared/analysis/report';

/**
 * How far one labeller agrees with the other labellers, pooled: each other labeller's
 * agreement (and Cohen's κ) weighted by the items they share. What a judge's agreement with
 * that labeller is read beside: a judge that agrees with a person about as often as the others
 * do is "as good as another person". Null figures where nothing is shared or nothing computes.
 */
export function peerAgreement(
  pairs: AgreementReport['pairs'],
  index: number,
): { items: number; agreement: number | null; kappa: number | null } {
  const row = pairs.shared[index] ?? [];
  let items = 0;
  let pSum = 0;
  let pWeight = 0;
  let kSum = 0;
  let kWeight = 0;
  row.forEach((shared, other) => {
    if (other === index || shared <= 0) return;
    items += shared;
    const p = pairs.percent[index]?.[other] ?? null;
    const k = pairs.cohenKappa[index]?.[other] ?? null;
    if (p !== null && Number.isFinite(p)) {
      pSum += p * shared;
      pWeight += shared;
    }
    if (k !== null && Number.isFinite(k)) {
      kSum += k * shared;
      kWeight += shared;
    }
  });
  return {
    items,
    agreement: pWeight > 0 ? pSum / pWeight : null,
    kappa: kWeight > 0 ? kSum / kWeight : null,
  };
}
