// Placeholder until the optimiser lands (issue 5): prints nothing so `npm run bench` still runs.
