"""modellaw: draft, check and compare model legislation against technology-facilitated child
sex trafficking.  Import the library; the CLI is a thin layer over it."""

__version__ = "0.1.0"
