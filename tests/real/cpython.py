# Run by tests/real/cpython.sh under concord (CPython 3.15 for WASI) and by
# the host's python3; the two outputs must be equal. Everything it imports
# comes from the standard library zip the script grants at /usr/local/lib.
import collections
import decimal
import fractions
import hashlib
import json
import re
import zlib

words = re.findall(r"[a-z]+", "the quick brown fox jumps over the lazy dog the end")
print(collections.Counter(words).most_common(2))
print(json.dumps({"words": len(words), "nested": [1, [2, 3], {"x": None}]}, sort_keys=True))
print(zlib.crc32(b"concord"), hashlib.sha256(b"concord").hexdigest()[:16])
print(decimal.Decimal(1) / decimal.Decimal(7), fractions.Fraction(3, 12) + fractions.Fraction(1, 3))


def fails(n):
    if n % 3 == 0:
        raise ValueError(n)
    return n


caught = 0
for i in range(1000):
    try:
        fails(i)
    except ValueError:
        caught += 1
print("caught", caught)
print(sorted({i * i % 17 for i in range(100)}))
