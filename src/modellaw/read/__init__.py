"""Someone's document (a draft, a statute) into the one document model."""
