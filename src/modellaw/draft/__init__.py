"""From the library to a bill: the template sandbox, outline markers, assembly, and the checks a drafted bill must pass."""
