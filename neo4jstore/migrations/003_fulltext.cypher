// Full-text index for Query.search, over every kind of entity the API serves (GrowthFigure
// and Claim are not among them): names, titles, texts, descriptions, and the quotes of the
// entity's own citations (citeQuotes, a list of strings, whose every element is indexed).
// Quotes held on relationships, such as a membership's, are not indexed: search returns nodes.
CREATE FULLTEXT INDEX aspgraph_search IF NOT EXISTS
FOR (n:Source|Country|City|Network|Note|KeyArea|Organization|School|Occasion|Appeal|Event)
ON EACH [n.name, n.title, n.text, n.originalName, n.abbreviation, n.objective, n.kind,
  n.description, n.purpose, n.citeQuotes]
