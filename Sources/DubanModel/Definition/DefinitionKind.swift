/// What a deployed definition is: one of the language's files, or a
/// document template the project overrides.
public enum DefinitionKind: String, Sendable, Hashable, CaseIterable {
    case workflow, policy, units, calendar, documents, template
}
