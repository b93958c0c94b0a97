"""The document model and the judge's findings out as Markdown, Word, Akoma Ntoso, redlines and reports."""
