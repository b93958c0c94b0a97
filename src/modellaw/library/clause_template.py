"""A clause template as data: its source, compiled code and the names it looks up.

A Jinja2 Template is built from the code only when the template is rendered and its render
is not cached (`render_cache`), so loading the library and drafting a bill whose renders are
all cached need no Jinja2 at all.  Text without template markup (most headings) is not a
template: it renders to itself, as Jinja2 renders it (line breaks made "\\n", one final line
break dropped), without Jinja2 and without a cache.
"""

from __future__ import annotations

import marshal
import re
from typing import TYPE_CHECKING, Any, Mapping

from modellaw.library import render_cache, template_cache
from modellaw.records import record

if TYPE_CHECKING:
    from jinja2 import Template

#: Jinja2's line breaks (jinja2.lexer.newline_re).
NEWLINES = re.compile(r"\r\n|\r|\n")
#: What a render may produce (templating.MAX_OUTPUT, which raises beyond it).
MAX_OUTPUT = 50_000
_BUILT: dict[tuple[str, str], Template] = {}


def literal_text(source: str) -> str | None:
    """What `source` renders to when it holds no template markup, else None.

    The environment has no line statement or comment prefix, so markup always starts with
    "{" ("{{", "{%", "{#"); without it the lexer yields the text as one piece, its line
    breaks normalised and, keep_trailing_newline being off, a final empty line dropped.
    Text longer than a render may produce is left to Jinja2, which reports it.
    """
    if "{" in source:
        return None
    lines = NEWLINES.split(source)
    if lines[-1] == "":
        del lines[-1]
    text = "\n".join(lines)
    return text if len(text) <= MAX_OUTPUT else None


@record
class ClauseTemplate:
    """One template of a clause file (or of the bill frame).

    `code` is its marshalled compiled code (empty for literal text); `names` the context
    variables it may look up (`looked_up`), or None when not worked out (caching off), in
    which case its renders are not cached.
    """

    filename: str
    source: str
    code: bytes = b""
    names: frozenset[str] | None = None

    def render(self, variables: Mapping[str, Any] | None = None, /) -> str:
        """What the template renders to with `variables`: from the render cache when it
        rendered with the same values before; errors raised as Jinja2 raises them."""
        if not self.code:
            literal = literal_text(self.source)
            if literal is not None:
                return literal
        values = dict(variables or {})
        name = render_cache.key(self.source, self.names, values)
        if name and (found := render_cache.lookup(name)) is not None:
            return found
        text = self.template().render(values)
        if name:
            render_cache.store(name, text)
        return text

    def template(self) -> Template:
        """The Jinja2 Template (built once per process)."""
        built = _BUILT.get((self.filename, self.source))
        if built is None:
            from modellaw.library.templating import environment
            env = environment()
            code = marshal.loads(self.code) if self.code else _compile(self.source,
                                                                      self.filename)[0]
            built = env.template_class.from_code(env, code, env.make_globals(None), None)
            _BUILT[(self.filename, self.source)] = built
        return built


def compile_template(source: str, filename: str) -> ClauseTemplate:
    """The template of `source`, compiled (or from the template cache); a syntax error raises
    jinja2.TemplateSyntaxError as the environment's compile does."""
    if literal_text(source) is not None:
        return ClauseTemplate(filename, source)
    found = template_cache.lookup(filename, source)
    if found is not None:
        return ClauseTemplate(filename, source, *found)
    code, names = _compile(source, filename)
    data = marshal.dumps(code)
    if names is not None:
        template_cache.store(filename, source, data, names)
    return ClauseTemplate(filename, source, data, names)


def _compile(source: str, filename: str) -> tuple[Any, frozenset[str] | None]:
    """(the code, the names it looks up, worked out only when there is a cache to use them)."""
    from modellaw.library.templating import environment
    env = environment()
    code = env.compile(source, name=filename, filename=filename)
    if template_cache.STORE.path() is None:
        return code, None
    return code, looked_up(env, source)


def looked_up(env: Any, source: str) -> frozenset[str]:
    """Every name the template may resolve from its context at run time, globals included.

    `jinja2.meta.find_undeclared_variables` leaves out the environment's globals, but a
    context value of the same name (a parameter called `range`) hides a global, and `lipsum`
    must be seen to be refused; so the names are gathered the way it gathers them, from
    the code generator's frames, without that filter.
    """
    from jinja2.compiler import CodeGenerator

    class Lookups(CodeGenerator):
        def __init__(self) -> None:
            super().__init__(env, "<names>", "<names>")
            self.names: set[str] = set()

        def write(self, x: str) -> None:
            """No code is wanted, only the frames' symbols."""

        def enter_frame(self, frame: Any) -> None:
            super().enter_frame(frame)
            self.names.update(name for action, name in frame.symbols.loads.values()
                              if action == "resolve")

    generator = Lookups()
    generator.visit(env.parse(source))
    return frozenset(generator.names)
