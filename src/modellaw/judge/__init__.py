"""Which model element a provision implements, how a draft departs from the model, and what a country's law already meets."""
