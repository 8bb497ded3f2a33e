/** `body.grants.0.nodeId` -> ['grants', 0, 'nodeId'], the form's name path for a server field. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/^(body|query|params)\./, '')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
