"""`modellaw serve`: the workshop workbench."""

from __future__ import annotations

from pathlib import Path

import click

from modellaw.commands.common import resolve_root, root_option
from modellaw.errors import ModellawError


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback also needs --allow-lan.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-lan", is_flag=True,
              help="Let other machines on the network (a workshop LAN) reach the workbench.")
@root_option
def serve(host: str, port: int, allow_lan: bool, root: Path | None) -> None:
    """Run the workshop workbench: pick options in the browser and watch the bill, its gap
    checklist and its review against the model change together."""
    if host not in LOOPBACK and not host.startswith("127."):
        if not allow_lan:
            raise ModellawError(f"--host {host} would let other machines reach the workbench; "
                                "add --allow-lan if that is what you want (a workshop LAN)")
        click.echo(f"warning: the workbench at {host}:{port} is reachable by every machine on "
                   "the network; anyone there can read every profile", err=True)
    import uvicorn

    from modellaw.serve.app import create_app

    app = create_app(resolve_root(root))
    click.echo(f"modellaw workbench on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               "(Ctrl+C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
