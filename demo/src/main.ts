// Placeholder until the demo issue lands: see README.md.
console.log('synpunkt demo: under construction');
