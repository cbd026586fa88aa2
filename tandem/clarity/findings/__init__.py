"""Findings: passages worth rewriting, each with offsets, a severity, a message and suggestions.

The analyzer only points and suggests; it never rewrites. ``analysis.analyze`` runs the checks
below on the segmented document and sorts what they find:

- ``finding``: the ``Finding`` itself and the order a report lists them in;
- ``words``: what the checks ask of a word: how common it is, whether it is an acronym, part of
  an address, or in a passage already reported;
- ``terms``: technical terms and plain-word swaps from the lexicon, citations of legal texts
  (kinds ``jargon`` and ``plain_word``);
- ``rare_words``: words rare in everyday language (``rare_word``);
- ``acronyms``: acronyms used before or without being spelled out (``acronym``);
- ``sentences``: long sentences and the passive voice (``long_sentence``, ``passive``);
- ``numbers``: percentages, frequencies, fractions and decimal separators (``number``).

The ``language`` kind (passages in the other language) is in ``language.py``.
"""
