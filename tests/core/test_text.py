from canbo.core.text import fold, format_number, nfc


def test_it_folds_vietnamese_to_a_search_key():
    assert fold("Lò Thị Vân") == "lo thi van"
    assert fold("Xã Thanh Nưa") == "xa thanh nua"
    assert fold("  ĐIỆN   Biên ") == "dien bien"


def test_it_composes_decomposed_input():
    decomposed = "Thanh Nu\u031ba"  # ư typed as u + combining horn
    assert nfc(decomposed) == "Thanh Nưa"
    assert fold(decomposed) == "thanh nua"


def test_it_formats_numbers_the_vietnamese_way():
    assert format_number(27071) == "27.071"
    assert format_number(104.2, 1) == "104,2"
    assert format_number(1234567.891, 2) == "1.234.567,89"
