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

// NewKeyAreaPeriod is a validated period in which a network worked in a key area.
type NewKeyAreaPeriod struct {
	KeyAreaKey string
	NetworkKey string
	Label      string
	From, To   *Date
}

// NewAppeal is a validated appeal made at an event.
type NewAppeal struct {
	EventKey string
	Text     string
	By, To   string // empty: not known
}
