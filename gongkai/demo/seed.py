"""``seed_demo``: the demo county, built through the same services and importers users use.

Order matters: the county and its staff, the guides (权责/公共服务清单), the catalog workbook
(which links to the guides by code), the pages and standards, the publications (which link to
catalog items), the 依申请公开 applications, then the 法律法规库 from ``LAW_CORPUS_DIR`` (skipped
when the folder is absent — the demo starts without it). Idempotent: nothing happens when the
county exists. Docs: docs/demo.md.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction

from gongkai.accounts.models import Organisation
from gongkai.demo.annual import seed_annual_reports, seed_scorecards
from gongkai.demo.calculators import seed_calculators
from gongkai.demo.catalog import seed_catalog
from gongkai.demo.county import GOV, seed_county
from gongkai.demo.foi import seed_applications
from gongkai.demo.guides import seed_guides
from gongkai.demo.interaction import seed_interaction
from gongkai.demo.ledgers import seed_ledgers
from gongkai.demo.opendata import seed_opendata
from gongkai.demo.pages import seed_pages
from gongkai.demo.publications import seed_publications
from gongkai.demo.services import seed_services
from gongkai.demo.supervision import seed_complaints, seed_evaluation, seed_monitoring


def seed_demo(*, laws_dir: str | Path | None = None) -> list[tuple[str, str, str]]:
    """Create the demo county; returns (username, role, organisation) rows to print."""
    if Organisation.objects.filter(name=GOV).exists():
        return []
    with transaction.atomic():
        county = seed_county()
        seed_guides(county.orgs)
        seed_catalog(office=county.office, editors=county.editors)
        seed_pages()
        seed_publications(editors=county.editors, reviewers=county.reviewers)
        seed_applications()
        seed_interaction(county)
        seed_opendata(county)
        seed_services(county)
        seed_ledgers(county)
        seed_calculators(county)
        seed_annual_reports(county)
        seed_monitoring(county)
        seed_complaints(county)
        seed_evaluation(county)
        seed_scorecards(county)
    seed_laws(laws_dir)
    return county.logins


def seed_laws(laws_dir: str | Path | None = None) -> int:
    """Import the 法律法规库 through the import service; 0 when the folder is not there."""
    from gongkai.laws.services import laws_import

    root = Path(laws_dir or settings.LAW_CORPUS_DIR)
    if not root.is_dir():
        return 0
    report = laws_import(root=root)
    return report.created + report.updated
