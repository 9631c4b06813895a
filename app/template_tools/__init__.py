"""Working on templates rather than with them: duplicate, check with a trial build, share as zip,
and edit with a live preview. Above the pipeline because checking and previewing build real briefs."""
