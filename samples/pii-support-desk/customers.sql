-- Customer records the support agent may read. Test data: the SSN and card numbers are the documented examples.
CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80), ssn VARCHAR(11), card VARCHAR(19));
INSERT INTO customers VALUES
  (1, 'Dana Reyes', 'dana.reyes@example.com', '219-09-9999', '4111 1111 1111 1111'),
  (2, 'Sam Okafor', 'sam.okafor@example.com', '078-05-1120', '5500 0000 0000 0004');
