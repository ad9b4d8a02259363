package aspnet

// DataQuality is a report on the provenance of the graph (package provenance makes it).
type DataQuality struct {
	Citations      *CitationCounts
	LinksByBasis   []*BasisCount
	Uncited        []*QualityFinding
	QuotesNotFound []*QualityFinding
	EditorialLinks []*QualityFinding
	Disputes       []*QualityDispute
}

// Problems counts what must be mended: uncited facts and quotes not found.
func (q *DataQuality) Problems() int { return len(q.Uncited) + len(q.QuotesNotFound) }

// CitationCounts says how many citations of each kind the graph holds.
type CitationCounts struct {
	Total, Quoted, Summarised, SourceOnly, Derived int
}

// QualityFinding is one finding of the report: its subject ("Label:key", or
// "Label:key -TYPE-> Label:key" for a relationship), the citation concerned, and the text.
type QualityFinding struct {
	Subject string
	Source  *string
	Quote   *string
	Text    string
}

// QualityDispute is a dispute the report found: what it is about, the measure, the claims.
type QualityDispute struct {
	About   string
	Measure string
	Claims  []string
}
