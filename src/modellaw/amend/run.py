"""Amendment mode end to end: read, judge, plan, derive, prove, and word the bill."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from modellaw.amend.apply import prove
from modellaw.amend.basis import judge, read_acts
from modellaw.amend.bill import AmendingBill, build_bill
from modellaw.amend.instructions import cite, derive
from modellaw.amend.plan import Plan, plan_amendments
from modellaw.amend.style import tradition_for
from modellaw.draft.assemble import Context, assemble
from modellaw.draft.spelling import americanise
from modellaw.errors import Location, ModellawError
from modellaw.library.clauses import Library
from modellaw.library.profiles import Profile


def amend(paths: Sequence[Path], library: Library, profile: Profile,
          style: str | None = None) -> tuple[list[Plan], AmendingBill]:
    """One plan per statute amended and the amending bill; the statutes are judged
    together, so an element one of them meets needs no amendment of another.  An unproved
    round trip is an error naming the Act and the instruction."""
    acts = read_acts(paths)
    verdicts = judge(acts)
    tradition = tradition_for(profile.id, profile.drafting["style"],
                              [s.num for a in acts for s in a.bill.sections()], style,
                              acts[0].bill.style.tradition)
    plans = plan_amendments(acts, assemble(library, profile), verdicts, tradition,
                            lambda clauses: model_purposes(library, profile, clauses))
    if not plans:
        names = "; ".join(a.title for a in acts)
        raise ModellawError(f"{names} already meet(s) every element the profile's bill "
                            "covers; nothing to amend", Location(acts[0].path))
    derived = []
    for plan in plans:
        instructions = derive(plan)
        proof = prove(plan, instructions)
        if not proof.holds:
            assert proof.failed is not None
            raise ModellawError(f"round trip fails at the instruction for "
                                f"{proof.failed.element} ({proof.failed.clause}) on "
                                f"{cite(proof.failed.where, tradition)} of {plan.act.title}: "
                                f"{proof.why}; nothing written", Location(plan.act.path))
        derived.append(instructions)
    return plans, build_bill(plans, derived, proof, profile)


def model_purposes(library: Library, profile: Profile, clauses: frozenset[str]) -> list[str]:
    """The purposes the model's long title states for `clauses` ("To a; to b; and to c."),
    one by one, spelt as the profile spells: what the Act's long title gains."""
    text = " ".join(library.long_title.render(Context(profile, clauses).variables({})).split())
    if profile.drafting.get("spelling") == "american":
        text = americanise(text)
    return [p for p in re.split(r"; (?:and )?to ", text.removeprefix("To ").rstrip(".")) if p]
