"""Information sharing: consent records, decisions to share without consent, the gate that
enforces a basis for every circulation, and the log of each disclosure."""
