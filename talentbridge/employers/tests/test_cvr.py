"""CVR numbers: 8 digits, no leading zero, modulus 11 with the weights 2, 7, 6, 5, 4, 3, 2, 1."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from talentbridge.employers.models import CVR_WEIGHTS, validate_cvr
from talentbridge.employers.services.register import check_cvr, normalise_cvr


def with_check_digit(head: list[int]) -> str | None:
    check = (-sum(d * w for d, w in zip(head, CVR_WEIGHTS[:7], strict=True))) % 11
    return None if check == 10 else "".join(map(str, head)) + str(check)


heads = st.tuples(st.integers(1, 9), *[st.integers(0, 9)] * 6).map(list)
valid_numbers = heads.map(with_check_digit).filter(lambda v: v is not None)


@given(valid_numbers)
def test_every_valid_number_passes(cvr):
    validate_cvr(cvr)


@given(valid_numbers, st.integers(0, 7), st.integers(1, 9))
def test_changing_one_digit_breaks_it(cvr, position, delta):
    digits = [int(d) for d in cvr]
    digits[position] = (digits[position] + delta) % 10
    changed = "".join(map(str, digits))
    with pytest.raises(ValidationError):
        validate_cvr(changed)


def test_real_numbers_pass():
    for cvr in ("24256790", "22756214", "61126228"):  # Novo Nordisk, A.P. Møller - Mærsk, Carlsberg
        validate_cvr(cvr)


@pytest.mark.parametrize(
    "value, code",
    [
        ("1234567", "cvr_format"),
        ("123456789", "cvr_format"),
        ("1234567a", "cvr_format"),
        ("02345678", "cvr_format"),
        ("24256791", "cvr_checksum"),
    ],
)
def test_it_refuses_with_a_message_naming_the_field(value, code):
    with pytest.raises(ValidationError) as info:
        validate_cvr(value)
    assert info.value.code == code
    assert "CVR" in info.value.messages[0]
    with pytest.raises(ValidationError) as keyed:
        check_cvr(value)
    assert list(keyed.value.message_dict) == ["cvr"]


def test_it_accepts_the_ways_people_write_it():
    assert normalise_cvr("DK 24 25 67 90") == "24256790"
    assert normalise_cvr("24-25-67-90") == "24256790"
    assert check_cvr(" dk24256790 ") == "24256790"
