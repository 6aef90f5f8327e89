"""A deliberately plain, pair-by-pair implementation of the score, written from the
documentation (docs/matching.md), to check the vectorised scorer against."""

from __future__ import annotations

import math

from talentbridge.matching.model import NO_DATE


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, max(0.0, a))))


def row(indptr, ids, i):
    return [int(x) for x in ids[indptr[i] : indptr[i + 1]]]


def reference_score(inst, w, i, j):
    """(score or None when excluded, set of failed hard requirements)."""
    c, o, t = inst.candidates, inst.openings, inst.taxonomy
    failed = set()
    values, applies = {}, {}
    # Occupation.
    oj = int(o.occupation[j])
    applies["occupation"] = oj >= 0
    best = 0.0
    if oj >= 0:
        for a in row(c.occupation_indptr, c.occupation_ids, i):
            ia, ib = int(t.occupation_isco[a]), int(t.occupation_isco[oj])
            v = 0.0
            if a == oj:
                v = w.same_occupation
            elif ia >= 0 and ib >= 0:
                if ia == ib:
                    v = w.same_unit_group
                elif ia // 10 == ib // 10:
                    v = w.same_minor_group
                elif ia // 100 == ib // 100:
                    v = w.same_sub_major_group
            if t.occupation_essential is not None and a != oj:
                sa = set(t.occupation_essential[[a]].indices.tolist())
                sb = set(t.occupation_essential[[oj]].indices.tolist())
                union = len(sa | sb)
                share = len(sa & sb) / union if union else 0.0
                if share >= w.related_min_share:
                    v = max(v, w.related_occupation * share)
            best = max(best, v)
    values["occupation"] = best
    # Skills.
    strength = {}
    for k in range(c.skill_indptr[i], c.skill_indptr[i + 1]):
        s = int(c.skill_ids[k])
        value = w.evidence[int(c.skill_evidence[k])] * w.level[int(c.skill_level[k])]
        strength[s] = max(strength.get(s, 0.0), value)
    essential = sorted(set(row(o.essential_indptr, o.essential_ids, j)))
    optional = sorted(set(row(o.optional_indptr, o.optional_ids, j)) - set(essential))
    applies["essential"] = bool(essential)
    applies["optional"] = bool(optional)
    values["essential"] = (
        sum(strength.get(s, 0.0) for s in essential) / len(essential) if essential else 0.0
    )
    values["optional"] = (
        sum(strength.get(s, 0.0) for s in optional) / len(optional) if optional else 0.0
    )
    if (
        w.min_essential_coverage > 0
        and essential
        and values["essential"] < w.min_essential_coverage - 1e-6
    ):
        failed.add("essential")
    # Languages.
    fit = 1.0
    applies["language"] = False
    for k in range(o.language_min.shape[1]):
        need, has = int(o.language_min[j, k]), int(c.language[i, k])
        if need > 0:
            applies["language"] = True
            short = max(0, need - has)
            fit = min(fit, min(1.0, max(0.0, 1 - short * w.language_step_penalty)))
            if short and o.language_hard[j, k]:
                failed.add(f"language:{k}")
    values["language"] = fit
    # Licence.
    lic = int(o.licence[j])
    applies["licence"] = lic >= 0
    has = lic < 0 or bool((int(c.licences[i]) >> lic) & 1)
    values["licence"] = 1.0 if has else 0.0
    if not has and o.licence_hard[j]:
        failed.add("licence")
    # Availability.
    start, ready = int(o.start[j]), int(c.work_from[i])
    applies["availability"] = start != NO_DATE
    if start == NO_DATE:
        values["availability"] = 1.0
    elif ready == NO_DATE:
        values["availability"] = w.availability_unknown
    else:
        late = max(0, ready - start)
        values["availability"] = min(1.0, max(0.0, 1 - late / w.availability_window_days))
        if w.availability_hard_days is not None and late > w.availability_hard_days:
            failed.add("availability")
    # Distance.
    km = haversine(c.lat[i], c.lon[i], o.lat[j], o.lon[j])
    applies["distance"] = True
    values["distance"] = 1 / (1 + km / w.distance_scale_km)
    if km > max(float(c.move_km[i]), w.commute_km):
        failed.add("distance")
    # Preferences.
    applies["preference"] = True
    pref_occ = row(c.preferred_occupation_indptr, c.preferred_occupation_ids, i)
    pref_sec = row(c.preferred_sector_indptr, c.preferred_sector_ids, i)
    kinds = int(c.preferred_kinds[i])
    stated = met = 0
    if pref_occ:
        stated += 1
        met += oj >= 0 and any(
            p == oj or (t.occupation_isco[p] >= 0 and t.occupation_isco[p] == t.occupation_isco[oj])
            for p in pref_occ
        )
    if pref_sec:
        stated += 1
        met += int(o.sector[j]) >= 0 and int(o.sector[j]) in pref_sec
    if kinds:
        stated += 1
        met += int(o.kind[j]) >= 0 and bool((kinds >> int(o.kind[j])) & 1)
    values["preference"] = met / stated if stated else w.preference_neutral
    weights = w.component_weights()
    norm = sum(weights[k] for k in weights if applies[k])
    norm = norm if norm > 0 else 1.0
    score = sum(weights[k] * values[k] for k in weights if applies[k]) / norm
    return (None if failed else score), failed
