#!/usr/bin/env python3
"""Drop question blocks by id from a staged file. usage: drop.py FILE ID..."""
import sys, re
sys.path.insert(0, '/work/stage')
from importlib.machinery import SourceFileLoader
f = sys.argv[1]; ids = set(sys.argv[2:])
text = open(f).read()
parts = re.split(r'(?m)^(?=(?:#[^\n]*\n)*\[\[questions\]\]\s*$)', text)
keep = [p for p in parts if not any(re.search(rf'^id = "{re.escape(i)}"', p, re.M) for i in ids)]
open(f, 'w').write(''.join(keep))
print(len(parts) - len(keep), 'dropped')
