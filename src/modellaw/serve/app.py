"""The workshop workbench: a small local web application over the library.

Routes (all GET; the scenario is always in the query string, never in server state):
  /            the options panel and the three panes (bill, gap checklist, review)
  /panes       what an option change swaps in (htmx), with the new URL pushed
  /compare     two scenarios side by side (`?a=<query>&b=<query>`)
  /download    the scenario's bill, checklist or handout as a file
Errors in what a browser sent are shown as the CLI shows them, beside the field they concern;
anything else is a plain "internal error" page, never a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from modellaw.errors import InputErrors, ModellawError
from modellaw.serve.downloads import download
from modellaw.serve.scenario import Outcome, Scenario, Workbench, from_form, parse_query
from modellaw.serve.view import compare_view, page_view, panes_view

HERE = Path(__file__).parent
#: A scenario URL is a few hundred characters; anything far longer is not a scenario.
MAX_QUERY_BYTES = 16_384


def _errors(exc: ModellawError) -> list[ModellawError]:
    return list(exc.errors) if isinstance(exc, InputErrors) else [exc]


def field_of(error: ModellawError) -> str:
    """The options-panel field an error concerns (`--set CLAUSE.PARAM` → `CLAUSE.PARAM`)."""
    keypath = error.location.keypath
    return keypath.removeprefix("--set ").removeprefix("on/off ").strip()


def create_app(root: Path) -> Starlette:
    """The application for one clause library (a checkout, a workspace or the built-in one)."""
    workbench = Workbench(root)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)

    def html(name: str, status: int = 200, headers: dict[str, str] | None = None,
             **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status, headers)

    def problem(exc: ModellawError, status: int = 400) -> HTMLResponse:
        return html("problem.html", status, errors=[str(e) for e in _errors(exc)])

    def scenario_of(query: str) -> Scenario:
        return parse_query(parse_qsl(query, keep_blank_values=True))

    async def index(request: Request) -> Response:
        try:
            outcome = workbench.evaluate(scenario_of(request.url.query))
        except ModellawError as exc:
            return problem(exc)
        return html("page.html", **page_view(workbench, outcome))

    async def panes(request: Request) -> Response:
        items = parse_qsl(request.url.query, keep_blank_values=True)
        previous_query = dict(items).get("prev", "")
        try:
            scenario = from_form(workbench, [(k, v) for k, v in items if k != "prev"])
            outcome = workbench.evaluate(scenario)
        except ModellawError as exc:
            errors: dict[str, list[str]] = {}
            for error in _errors(exc):
                errors.setdefault(field_of(error), []).append(error.message)
            return html("field_errors.html", headers={"HX-Reswap": "none"},
                        fields=_field_names(workbench), errors=errors)
        previous: Outcome | None = None
        if previous_query:
            try:
                previous = workbench.evaluate(scenario_of(previous_query))
            except ModellawError:
                previous = None
        return html("panes.html", headers={"HX-Push-Url": f"/?{scenario.query()}"},
                    **panes_view(workbench, outcome, previous))

    async def compare(request: Request) -> Response:
        params = dict(parse_qsl(request.url.query, keep_blank_values=True))
        try:
            a = workbench.evaluate(scenario_of(params.get("a", "")))
            b = workbench.evaluate(scenario_of(params.get("b", "")))
        except ModellawError as exc:
            return problem(exc)
        return html("compare.html", **compare_view(a, b))

    async def get_download(request: Request) -> Response:
        items = parse_qsl(request.url.query, keep_blank_values=True)
        params = dict(items)
        try:
            scenario = parse_query([(k, v) for k, v in items if k not in ("format", "what")])
            outcome = workbench.evaluate(scenario)
            data, media_type, filename = download(workbench, outcome, params.get("what", "bill"),
                                                  params.get("format", "docx"))
        except ModellawError as exc:
            return problem(exc)
        return Response(data, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    app = Starlette(routes=[
        Route("/", index), Route("/panes", panes), Route("/compare", compare),
        Route("/download", get_download),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ])
    app.add_middleware(_Bounded)
    return app


def _field_names(workbench: Workbench) -> list[str]:
    return [f"{c.id}.{p.name}" for c in workbench.library.clauses.values()
            for p in c.parameters.values()] + [c.id for c in workbench.optional_clauses()]


class _Bounded:
    """Only bounded GET requests reach the application: no bodies, no long queries, and
    never a traceback in a response."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            response: Response = PlainTextResponse("only GET requests are served", 405)
        elif len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
            response = PlainTextResponse("request too long", 414)
        elif any(k == b"content-length" and v not in (b"", b"0") for k, v in scope["headers"]):
            response = PlainTextResponse("requests carry no body", 413)
        else:
            try:
                await self.app(scope, receive, send)
            except Exception:  # the server never shows a traceback; the log keeps it
                logging.getLogger("modellaw.serve").exception("internal error")
                await PlainTextResponse("internal error", 500)(scope, receive, send)
            return
        await response(scope, receive, send)
