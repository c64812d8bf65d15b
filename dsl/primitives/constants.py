"""Named constants: booleans, small integers (also the ten colours), directions and shapes."""

from dsl.registry import constant

constant("T", True, "Bool")
constant("F", False, "Bool")

for _value, _name in enumerate(("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
                                "TEN")):
    constant(_name, _value, "Int")
constant("NEG_ONE", -1, "Int")
constant("NEG_TWO", -2, "Int")

constant("ORIGIN", (0, 0), "Vec")
constant("UNITY", (1, 1), "Vec")
constant("NEG_UNITY", (-1, -1), "Vec")
constant("UP", (-1, 0), "Vec")
constant("DOWN", (1, 0), "Vec")
constant("LEFT", (0, -1), "Vec")
constant("RIGHT", (0, 1), "Vec")
constant("UP_RIGHT", (-1, 1), "Vec")
constant("DOWN_LEFT", (1, -1), "Vec")
constant("TWO_BY_TWO", (2, 2), "Vec")
constant("THREE_BY_THREE", (3, 3), "Vec")
constant("ZERO_BY_TWO", (0, 2), "Vec")
constant("TWO_BY_ZERO", (2, 0), "Vec")
