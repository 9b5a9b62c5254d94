/**
 * Whether an ERM organisation's type is inferred rather than read from a registry. With a registry
 * (nationalParties.basis 'registry': the JNE's list of partidos políticos and alianzas
 * electorales), a name found there is a party by the registry, but a name not found is a regional
 * movement only by elimination: an alliance registered later or under another name lands there too
 * (ERM 2026: ASI - JUNTOS POR EL PERÚ, RENOVACIÓN POPULAR PERÚ). With no registry every type is read
 * from the result files. Review s33: the registry's movements were shown as fact.
 */
export function typeInferred(
  basis: 'registry' | 'inferred',
  type: 'party' | 'regional-movement',
): boolean {
  return basis === 'inferred' || type === 'regional-movement';
}
