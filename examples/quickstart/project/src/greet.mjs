/** Greets someone. The quickstart's agents add a shout() beside it. */
export function greet(name) {
  return `Hello, ${name}!`;
}
