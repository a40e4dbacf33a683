"""Chinese text helpers shared by the document model and the rule kinds."""
