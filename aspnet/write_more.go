package aspnet

// SourceChange is a validated change to a Source; nil fields stay as they are, and an empty
// URL, Publisher or Note removes it.
type SourceChange struct {
	Title     *string
	URL       *string
	Publisher *string
	Published *Date
	Note      *string
}
