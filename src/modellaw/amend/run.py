"""Amendment mode end to end: read, judge, plan, derive, prove, and word the bill."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from modellaw.amend.apply import prove
from modellaw.amend.basis import judge, read_acts
from modellaw.amend.bill import AmendingBill, build_bill
from modellaw.amend.instructions import cite, derive
from modellaw.amend.plan import Plan, plan_amendments
from modellaw.amend.style import tradition_for
from modellaw.draft.assemble import assemble
from modellaw.errors import Location, ModellawError
from modellaw.library.clauses import Library
from modellaw.library.profiles import Profile


def amend(paths: Sequence[Path], library: Library, profile: Profile,
          style: str | None = None) -> tuple[Plan, AmendingBill]:
    """The plan and the amending bill for the first statute (the others count towards what
    the law already meets).  An unproved round trip is an error naming the instruction."""
    acts = read_acts(paths)
    verdicts = judge(acts)
    act = acts[0]
    tradition = tradition_for(profile.id, profile.drafting["style"],
                              [s.num for s in act.bill.sections()], style)
    plan = plan_amendments(act, assemble(library, profile), verdicts, tradition)
    if not plan.changes:
        raise ModellawError(f"{act.title} already meets every element the profile's bill "
                            "covers; nothing to amend", Location(act.path))
    instructions = derive(plan)
    proof = prove(plan, instructions)
    if not proof.holds:
        assert proof.failed is not None
        raise ModellawError(f"round trip fails at the instruction for {proof.failed.element} "
                            f"({proof.failed.clause}) on {cite(proof.failed.where, tradition)}: "
                            f"{proof.why}; nothing written", Location(act.path))
    return plan, build_bill(plan, instructions, proof, profile)
