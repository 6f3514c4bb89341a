"""open-badge-3.0.json: an Open Badges 3.0 AchievementCredential template for the award.

A template: it has no recipient, proof or issue date of a real award. An issuer fills those
in (and signs it) when a learner completes the programme. The achievement is aligned to the
CASE items of the competencies, so a badge platform can show what the holder can do.
"""

from __future__ import annotations

from ..model import Curriculum
from ..render.lookup import competency_anchor
from ..site import AWARD_RULES_ANCHOR, site_of
from . import attribution, stable_uuid


def export(model: Curriculum, timestamp: str) -> dict:
    p = model.require_programme()
    site = site_of(model)
    criteria = " ".join(p.award_rules)
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:{stable_uuid(model, 'credential-template', p.id)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{p.title} ({p.short_code})",
        "description": f"Template credential for the {p.short_code} award. {p.award_status} {attribution(model)}".strip(),
        "issuer": {
            "id": p.provider.url or site.base,
            "type": ["Profile"],
            "name": p.provider.name,
            "url": p.provider.url or site.base,
        },
        "validFrom": timestamp,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": site.page(site.pages.assessment, AWARD_RULES_ANCHOR),
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": p.title,
                "description": p.summary + " " + p.award_status,
                "criteria": {"id": site.page(site.pages.assessment), "narrative": criteria},
                "humanCode": p.short_code,
                "version": p.version,
                "inLanguage": "en",
                "creditsAvailable": float(model.totals()["credits"]),
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": f"{c.id} {c.title}",
                        "targetDescription": c.statement,
                        "targetUrl": site.page(site.pages.competencies, competency_anchor(c.id)),
                        "targetCode": stable_uuid(model, "competency", c.id),
                        "targetFramework": p.title,
                        "targetType": "CFItem",
                    }
                    for c in model.competencies
                    if not c.retired
                ],
            },
        },
    }
