"""The check stage: rules read one frozen CheckContext and yield findings.

- registry.py: the Rule base class, @register, selection by code or name;
- context.py: what a rule reads (alignment, recomputation, glossary, options);
- rules/: the rules, one small class each;
- run.py: runs the selected rules (and, by importing rules/, registers them).
"""
