"""The data the toolkit drafts from: YAML with line numbers, schemas, the clause library, jurisdiction profiles and the model law's elements."""
