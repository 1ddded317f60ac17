/** One group of the audit trail's actions in the filter: its prefix and the actions in it. */
export interface AuditActionGroup {
  /** what the server matches the action's start against, e.g. "incident." */
  prefix: string
  label: string
  actions: { code: string; label: string }[]
}

/**
 * The audit filter's choices: the actions the trail knows, grouped by their first part
 * ("incident.approve" under "incident."), groups in the order their first action is
 * listed, actions in their listed order; a group the labels do not name shows its prefix.
 */
export function auditActionGroups(actions: Readonly<Record<string, string>>, groupLabels: Readonly<Record<string, string>>): AuditActionGroup[] {
  const groups = new Map<string, AuditActionGroup>()
  for (const [code, label] of Object.entries(actions)) {
    const head = code.split('.')[0]!
    let group = groups.get(head)
    if (!group) {
      group = { prefix: `${head}.`, label: groupLabels[head] ?? `${head}.`, actions: [] }
      groups.set(head, group)
    }
    group.actions.push({ code, label })
  }
  return [...groups.values()]
}
