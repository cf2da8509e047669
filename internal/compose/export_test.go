package compose

// BindHyphens is bindHyphens, for the external tests.
var BindHyphens = bindHyphens
